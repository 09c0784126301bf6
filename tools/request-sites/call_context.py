"""The execution context of a request_module call site, derived from the source as far as a script can.

The function containing the call, then its callers, are walked up (breadth first, within the call's own directory:
a static function's callers only in its file) until each path ends at one of these roots:

  kthread          a function started by kthread_run/kthread_create*/stop_machine, a kthread_work handler, a
                   threaded IRQ's thread function
  workqueue        a work handler (INIT_WORK, DECLARE_WORK, INIT_DELAYED_WORK…, async_schedule, work_on_cpu), or a
                   function taking a struct work_struct *
  softirq          a timer, hrtimer, tasklet, RCU or softirq callback, an irq_work (none may sleep: a request there
                   is a bug, but the script says what it sees)
  usermode-helper  the init callback of call_usermodehelper_setup (runs in the new helper task before exec)
  boot             __init code: at boot, or for a module at its load, in the process that loads it
  caller           a system call (SYSCALL_DEFINEn), a task_work callback, or a function with no caller in that
                   directory (reached through an ops table or from another subsystem: the calling task's context)

The result is the set of roots reached, and for each one the shortest path found. It is evidence for the review in
data/request-families.tsv, not the review itself: calls through function pointers (tmpl->create, ops tables) are
invisible here, and a caller in another directory is taken to run in its caller's context.
"""
import os
import re

import c_functions

ORDER = ["caller", "kthread", "workqueue", "softirq", "usermode-helper", "boot"]

# Registration call -> (index of the argument naming the function, context it runs in).
REGISTRARS = {
    "kthread_run": (0, "kthread"), "kthread_create": (0, "kthread"), "kthread_create_on_node": (0, "kthread"),
    "kthread_create_on_cpu": (0, "kthread"), "kthread_run_on_cpu": (0, "kthread"), "stop_machine": (0, "kthread"),
    "kthread_init_work": (1, "kthread"), "kthread_init_delayed_work": (1, "kthread"),
    "request_threaded_irq": (2, "kthread"), "devm_request_threaded_irq": (3, "kthread"),
    "INIT_WORK": (1, "workqueue"), "INIT_WORK_ONSTACK": (1, "workqueue"), "__INIT_WORK": (1, "workqueue"),
    "INIT_DELAYED_WORK": (1, "workqueue"), "INIT_DELAYED_WORK_ONSTACK": (1, "workqueue"),
    "INIT_DEFERRABLE_WORK": (1, "workqueue"), "INIT_RCU_WORK": (1, "workqueue"), "DECLARE_WORK": (1, "workqueue"),
    "DECLARE_DELAYED_WORK": (1, "workqueue"), "DECLARE_DEFERRABLE_WORK": (1, "workqueue"),
    "async_schedule": (0, "workqueue"), "async_schedule_domain": (0, "workqueue"), "async_schedule_node": (0, "workqueue"),
    "async_schedule_dev": (0, "workqueue"), "schedule_on_each_cpu": (0, "workqueue"),
    "work_on_cpu": (1, "workqueue"), "work_on_cpu_safe": (1, "workqueue"),
    "timer_setup": (1, "softirq"), "DEFINE_TIMER": (1, "softirq"), "setup_timer": (1, "softirq"),
    "hrtimer_setup": (1, "softirq"), "tasklet_init": (1, "softirq"), "tasklet_setup": (1, "softirq"),
    "DECLARE_TASKLET": (1, "softirq"), "DECLARE_TASKLET_OLD": (1, "softirq"), "call_rcu": (1, "softirq"),
    "call_rcu_hurry": (1, "softirq"), "open_softirq": (1, "softirq"), "init_irq_work": (1, "softirq"),
    "call_usermodehelper_setup": (4, "usermode-helper"),
    "init_task_work": (1, "caller"),
}
_REGISTRAR_CALL = re.compile(r"\b(" + "|".join(sorted(REGISTRARS, key=len, reverse=True)) + r")\s*\(")
# A handler known by its first parameter's type.
PARAMETER_KINDS = [
    (re.compile(r"\(\s*struct\s+work_struct\s*\*"), "workqueue"),
    (re.compile(r"\(\s*struct\s+kthread_work\s*\*"), "kthread"),
    (re.compile(r"\(\s*struct\s+(?:timer_list|tasklet_struct|rcu_head|hrtimer|irq_work)\s*\*"), "softirq"),
    (re.compile(r"\(\s*struct\s+subprocess_info\s*\*"), "usermode-helper"),
    (re.compile(r"\(\s*struct\s+callback_head\s*\*"), "caller"),
]
MAX_DEPTH = 10


class Scope:
    """The functions of one directory's .c files, their callers, and the handlers registered there."""

    def __init__(self, root, directory):
        self.functions_of_file = {}
        self.by_name = {}
        self.callers = {}
        self.registered = {}  # (file, name) -> (kind, registrar, file)
        self.registered_by_name = {}  # name -> the first of those, for functions other files may register
        path = os.path.join(root, directory)
        for name in sorted(os.listdir(path)) if os.path.isdir(path) else []:
            if not name.endswith(".c"):
                continue
            relative = os.path.join(directory, name) if directory else name
            with open(os.path.join(root, relative), encoding="utf-8", errors="replace") as f:
                text = f.read()
            code = c_functions.code_only(text)
            functions = c_functions.functions(text, relative, code)
            self.functions_of_file[relative] = functions
            for fn in functions:
                self.by_name.setdefault(fn.name, []).append(fn)
                for callee in fn.calls:
                    self.callers.setdefault(callee, []).append(fn)
            for m in _REGISTRAR_CALL.finditer(code):
                index, kind = REGISTRARS[m.group(1)]
                args = c_functions.split_arguments(code, m.end() - 1)
                if args is None or len(args) <= index:
                    continue
                target = args[index].lstrip("&").strip()
                if re.fullmatch(r"[A-Za-z_]\w*", target):
                    self.registered.setdefault((relative, target), (kind, m.group(1), relative))
                    self.registered_by_name.setdefault(target, (kind, m.group(1), relative))

    def entry_kind(self, fn):
        """(context, how) when fn is a handler the kernel runs in a context of its own, else None."""
        reg = self.registered.get((fn.file, fn.name))
        if reg is None and not fn.is_static:
            reg = self.registered_by_name.get(fn.name)
        if reg is not None:
            return reg[0], f"{reg[1]} in {reg[2]}"
        parameters = fn.signature[fn.signature.find("(", fn.signature.find(fn.name[4:] if fn.is_syscall else fn.name)):]
        for pattern, kind in PARAMETER_KINDS:
            if pattern.match(parameters):
                return kind, "its parameter type"
        return None

    def callers_of(self, fn):
        result = []
        for caller in self.callers.get(fn.name, []):
            if caller is fn:
                continue
            if fn.is_static and caller.file != fn.file:
                continue
            result.append(caller)
        return result


class ContextFinder:
    def __init__(self, root):
        self.root = root
        self.scopes = {}

    def scope(self, directory):
        if directory not in self.scopes:
            self.scopes[directory] = Scope(self.root, directory)
        return self.scopes[directory]

    def context(self, file, line):
        """(enclosing function name or '', contexts joined by ',', evidence) for the call at file:line."""
        scope = self.scope(os.path.dirname(file))
        fn = c_functions.enclosing(scope.functions_of_file.get(file, []), line)
        if fn is None:
            return "", "caller", "caller: not inside a function (a macro or initializer)"
        found = {}
        queue = [(fn, [fn.name])]
        seen = {id(fn)}
        while queue:
            current, chain = queue.pop(0)
            path = "<-".join(chain)
            entry = scope.entry_kind(current)
            if current.is_syscall:
                found.setdefault("caller", f"caller: {path} (system call)")
                continue
            if current.is_init:
                found.setdefault("boot", f"boot: {path} (__init)")
                continue
            if entry is not None:
                found.setdefault(entry[0], f"{entry[0]}: {path} ({entry[1]})")
            callers = scope.callers_of(current)
            if not callers and entry is None:
                how = "static, its address taken" if current.is_static else "no caller in " + (os.path.dirname(file) or ".")
                found.setdefault("caller", f"caller: {path} ({how})")
            if len(chain) > MAX_DEPTH:
                found.setdefault("caller", f"caller: {path}<-… (deeper than {MAX_DEPTH})")
                continue
            for caller in callers:
                if id(caller) not in seen:
                    seen.add(id(caller))
                    queue.append((caller, chain + [caller.name]))
        contexts = [c for c in ORDER if c in found]
        return fn.name, ",".join(contexts), "; ".join(found[c] for c in contexts)
