# bash completion for modgate(8)
# Generated from modgate's command tree by tests/Modgate.Cli.Tests/Completions; do not edit. After changing a
# command: MODGATE_WRITE_COMPLETIONS=1 dotnet test tests/Modgate.Cli.Tests --filter Completion

_modgate() {
    local cur prev words cword
    _init_completion || return

    local command="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            check|simulate|exposure|learn|import-modprobe|apply|status|exec|restrict|lock|disable|log|agent|modprobe-gate) command=${words[i]}; break ;;
        esac
    done

    # The value of the option before the cursor.
    case "$command $prev" in
        "check --policy") _filedir; return ;;
        "check --kernel-tree") _filedir -d; return ;;
        "simulate --uid") COMPREPLY=(); return ;;
        "simulate --cap") COMPREPLY=(); return ;;
        "simulate --cgroup") COMPREPLY=(); return ;;
        "simulate --origin") COMPREPLY=($(compgen -W "autoload explicit" -- "$cur")); return ;;
        "simulate --process-mode") COMPREPLY=($(compgen -W "classic off privileged" -- "$cur")); return ;;
        "simulate --module") COMPREPLY=(); return ;;
        "simulate --policy") _filedir; return ;;
        "simulate --kernel-tree") _filedir -d; return ;;
        "exposure --proc-sys") _filedir -d; return ;;
        "exposure --sort") COMPREPLY=($(compgen -W "cves module privilege" -- "$cur")); return ;;
        "exposure --privilege") COMPREPLY=($(compgen -W "device init kernel none userns" -- "$cur")); return ;;
        "exposure --policy") _filedir; return ;;
        "exposure --kernel-tree") _filedir -d; return ;;
        "learn --from-log") _filedir; return ;;
        "learn --since") COMPREPLY=(); return ;;
        "learn --output"|"learn -o") _filedir; return ;;
        "learn --proc-modules") _filedir; return ;;
        "learn --sysfs") _filedir -d; return ;;
        "learn --policy") _filedir; return ;;
        "learn --kernel-tree") _filedir -d; return ;;
        "import-modprobe --output"|"import-modprobe -o") _filedir; return ;;
        "import-modprobe --policy") _filedir; return ;;
        "import-modprobe --kernel-tree") _filedir -d; return ;;
        "apply --require") COMPREPLY=($(compgen -W "full" -- "$cur")); return ;;
        "apply --policy") _filedir; return ;;
        "apply --kernel-tree") _filedir -d; return ;;
        "status --pid") COMPREPLY=(); return ;;
        "status --policy") _filedir; return ;;
        "status --kernel-tree") _filedir -d; return ;;
        "exec --autoload") COMPREPLY=($(compgen -W "off privileged" -- "$cur")); return ;;
        "exec --load") COMPREPLY=($(compgen -W "off" -- "$cur")); return ;;
        "exec --policy") _filedir; return ;;
        "exec --kernel-tree") _filedir -d; return ;;
        "restrict --pid") COMPREPLY=(); return ;;
        "restrict --autoload") COMPREPLY=($(compgen -W "off privileged" -- "$cur")); return ;;
        "restrict --load") COMPREPLY=($(compgen -W "off" -- "$cur")); return ;;
        "restrict --policy") _filedir; return ;;
        "restrict --kernel-tree") _filedir -d; return ;;
        "lock --policy") _filedir; return ;;
        "lock --kernel-tree") _filedir -d; return ;;
        "disable --policy") _filedir; return ;;
        "disable --kernel-tree") _filedir -d; return ;;
        "log --since") COMPREPLY=(); return ;;
        "log --file") _filedir; return ;;
        "log --journal-directory") _filedir -d; return ;;
        "log --policy") _filedir; return ;;
        "log --kernel-tree") _filedir -d; return ;;
        "agent --audit-log") _filedir; return ;;
        "agent --policy") _filedir; return ;;
        "agent --kernel-tree") _filedir -d; return ;;
        "modprobe-gate --policy") _filedir; return ;;
        "modprobe-gate --kernel-tree") _filedir -d; return ;;
        " --policy") _filedir; return ;;
        " --kernel-tree") _filedir -d; return ;;
    esac

    case $command in
        "") COMPREPLY=($(compgen -W "check simulate exposure learn import-modprobe apply status exec restrict lock disable log agent modprobe-gate --help -h --version --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur")) ;;
        check)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            else
                _filedir
            fi ;;
        simulate)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--uid --cap --cgroup --origin --process-mode --module --unknown-requester --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            else
                local n=0; for ((i = i + 1; i < cword; i++)); do [[ ${words[i]} != -* ]] && n=$((n + 1)); done; [[ $n -eq 0 ]] && COMPREPLY=($(compgen -W "autoload load unload" -- "$cur"))
            fi ;;
        exposure)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--all --proc-sys --requests --sort --open --privilege --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        learn)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--from-log --since --output -o --proc-modules --sysfs --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        import-modprobe)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--output -o --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            else
                _filedir -d
            fi ;;
        apply)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--require --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            else
                _filedir
            fi ;;
        status)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--pid --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        exec)
            for ((i = 1; i < cword; i++)); do
                if [[ ${words[i]} == -- ]]; then _command_offset $((i + 1)); return; fi
            done
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--autoload --load --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        restrict)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--pid --autoload --load --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        lock)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        disable)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        log)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--follow -f --since --file --journal --journal-directory --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        agent)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--audit-log --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            fi ;;
        modprobe-gate)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v" -- "$cur"))
            else
                COMPREPLY=()
            fi ;;
    esac
} &&
    complete -F _modgate modgate
