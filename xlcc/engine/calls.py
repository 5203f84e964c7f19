"""Reading and rewriting function calls in formula text (the engine's copies of
formulas are rewritten; the file keeps its own): quotes, argument lists, calls."""

__all__ = ["closing_quote", "call_arguments", "quote_spans", "rewrite_calls"]


def closing_quote(formula, i):
    """Index of the quote that closes the one at ``i`` (a doubled quote is one
    character of the quoted text); the last index if it is never closed."""
    quote, j, n = formula[i], i + 1, len(formula)
    while j < n and not (formula[j] == quote and formula[j + 1:j + 2] != quote):
        j += 2 if formula[j] == quote else 1
    return min(j, n - 1)


def quote_spans(formula):
    """(start, end) of every text literal and quoted sheet name in ``formula``."""
    spans, j, n = [], 0, len(formula)
    while j < n:
        if formula[j] in "\"'":
            end = closing_quote(formula, j)
            spans.append((j, end))
            j = end + 1
        else:
            j += 1
    return spans


def call_arguments(formula, open_paren):
    """(argument texts, index of the closing parenthesis) of the call whose opening
    parenthesis is at ``open_paren``; None if it is never closed."""
    args, depth, start, j, n = [], 0, open_paren + 1, open_paren, len(formula)
    while j < n:
        ch = formula[j]
        if ch in "\"'":
            j = closing_quote(formula, j) + 1
            continue
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
            if depth == 0:
                args.append(formula[start:j])
                return args, j
        elif ch == "," and depth == 1:
            args.append(formula[start:j])
            start = j + 1
        j += 1
    return None


def rewrite_calls(formula, pattern, rewrite):
    """``formula`` with each call that ``pattern`` matches (its text up to and with the
    opening parenthesis; group 1 the function's name) replaced by ``rewrite(name,
    head, args)``: the new text of the call, or None to keep it. ``args`` are the
    argument texts, calls inside them already rewritten. Quoted text is left alone."""
    spans = quote_spans(formula)
    out, i = [], 0
    for m in pattern.finditer(formula):
        if m.start() < i or any(a < m.start() <= b for a, b in spans):
            continue
        parsed = call_arguments(formula, m.end() - 1)
        if parsed is None:
            continue
        args, close = parsed
        args = [rewrite_calls(a, pattern, rewrite) for a in args]
        new = rewrite(m.group(1), m.group(0), args)
        out.append(formula[i:m.start()])
        out.append(new if new is not None else m.group(0) + ",".join(args) + ")")
        i = close + 1
    if not out:
        return formula
    out.append(formula[i:])
    return "".join(out)
