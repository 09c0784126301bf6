"""The function structure of a kernel C file, as far as kernel coding style lets a script see it.

A function definition is a signature followed by a body whose opening and closing braces stand at the start of a
line (Documentation/process/coding-style.rst). For each definition: its name, its lines, whether it is init code
(__init), whether it is static, whether it is a system call (SYSCALL_DEFINEn), and the names it calls. Comments and
the contents of string literals are blanked first (newlines kept, so line numbers stay right).
"""
import bisect
import re

_COMMENT_OR_LITERAL = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
_NOT_NEWLINE = re.compile(r"[^\n]")
_PREPROCESSOR_LINE = re.compile(r"^[ \t]*#.*(?:\\\n.*)*$", re.M)
_BODY_OPEN = re.compile(r"^\{", re.M)
_BODY_CLOSE = re.compile(r"^\}", re.M)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_NEWLINE = re.compile(r"\n")
_NOT_BLANK = re.compile(r"\S")

# Words that precede '(' in a signature or body without naming a function.
KEYWORDS = {"if", "for", "while", "switch", "return", "sizeof", "typeof", "__typeof__", "_Alignof", "alignof", "do",
            "case", "defined", "__builtin_expect", "likely", "unlikely", "offsetof", "container_of", "ARRAY_SIZE"}
ATTRIBUTES = {"__attribute__", "__attribute", "__printf", "__scanf", "__acquires", "__releases", "__must_hold",
              "__cond_acquires", "__cond_releases", "__aligned", "__section", "__alloc_size", "__diag_ignore",
              "__no_sanitize_address", "__nocfi", "__weak", "__malloc", "__cleanup", "__counted_by", "__free",
              "__assume_aligned", "__realloc_size", "__must_check", "__visible", "noinline", "__always_inline"}
# Macros that define a system call: the first argument is its name.
_SYSCALL_DEFINERS = re.compile(r"^(?:COMPAT_)?SYSCALL_DEFINE\d$")


def code_only(text):
    """Comments replaced by spaces and string/character literals emptied, newlines kept."""
    def blank(m):
        s = m.group(0)
        if s[0] == "/":
            return _NOT_NEWLINE.sub(" ", s)
        return s[0] + _NOT_NEWLINE.sub(" ", s[1:-1]) + s[-1]
    return _COMMENT_OR_LITERAL.sub(blank, text)


class Function:
    __slots__ = ("name", "file", "start", "end", "body_start", "is_init", "is_static", "is_syscall", "signature", "calls")

    def __init__(self, name, file, start, end, body_start, signature, is_syscall):
        self.name, self.file, self.start, self.end, self.body_start = name, file, start, end, body_start
        self.signature = signature
        self.is_init = bool(re.search(r"\b__init(?:_or_module)?\b", signature))
        self.is_static = bool(re.search(r"\bstatic\b", signature))
        self.is_syscall = is_syscall
        self.calls = set()

    def __repr__(self):
        return f"{self.name}@{self.file}:{self.start}"


def split_arguments(text, open_paren):
    """The top-level arguments of the call whose '(' is at text[open_paren], stripped; None if it never closes."""
    depth, args, start = 0, [], open_paren + 1
    for i in range(open_paren, len(text)):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(text[start:i].strip())
                return args
        elif c == "," and depth == 1:
            args.append(text[start:i].strip())
            start = i + 1
    return None


def _name_of(signature):
    """(name, is_syscall) of a function signature, or None when the text is no function signature."""
    depth, candidates = 0, []
    for i, c in enumerate(signature):
        if c == "(":
            if depth == 0:
                m = re.search(r"([A-Za-z_]\w*)\s*$", signature[:i])
                if m:
                    candidates.append((m.group(1), i))
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "=" and depth == 0:
            return None  # an initializer: static struct foo bar = {
    for name, paren in candidates:
        if name in ATTRIBUTES or name in KEYWORDS:
            continue
        if name.isupper() or _SYSCALL_DEFINERS.match(name):
            # A macro that defines a function (SYSCALL_DEFINE3(socket, …), BPF_CALL_2(bpf_x, …)): its first argument.
            args = split_arguments(signature, paren)
            first = args[0] if args else ""
            if not re.fullmatch(r"[A-Za-z_]\w*", first):
                return None
            if _SYSCALL_DEFINERS.match(name):
                return ("sys_" + first, True)
            return (first, False)
        return (name, False)
    return None


def functions(text, file, code=None):
    """The function definitions of a file's text (raw source; comments are handled here), in order.
    code: the file's code_only text when the caller has it already."""
    code = code_only(text) if code is None else code
    # Signatures are read with preprocessor lines removed (#ifdef between two variants of a signature).
    flat = _PREPROCESSOR_LINE.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group(0)), code)
    newlines = [m.start() for m in _NEWLINE.finditer(flat)]
    line_of = lambda offset: bisect.bisect_left(newlines, offset) + 1  # noqa: E731
    result = []
    position = 0
    for m in _BODY_OPEN.finditer(flat):
        if m.start() < position:
            continue
        close = _BODY_CLOSE.search(flat, m.end())
        end = close.start() if close else len(flat)
        back = max(flat.rfind(";", position, m.start()), flat.rfind("}", position, m.start()), position - 1)
        signature = " ".join(flat[back + 1:m.start()].split())
        position = end + 1
        if "(" not in signature or not signature.endswith(")") and not re.search(r"\)\s*(?:__\w+(?:\([^)]*\))?\s*)+$", signature):
            continue
        named = _name_of(signature)
        if named is None:
            continue
        name, is_syscall = named
        first = _NOT_BLANK.search(flat, back + 1)
        f = Function(name, file, line_of(first.start() if first else back + 1), line_of(end), line_of(m.start()), signature, is_syscall)
        f.calls = {c for c in _CALL.findall(flat, m.end(), end) if c not in KEYWORDS}
        result.append(f)
    return result


def enclosing(functions_of_file, line):
    """The function whose definition spans the line, or None (file scope, a macro)."""
    for f in functions_of_file:
        if f.start <= line <= f.end:
            return f
    return None
