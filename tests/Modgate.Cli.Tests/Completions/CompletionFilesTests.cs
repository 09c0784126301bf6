
namespace Modgate.Cli.Tests.Completions;

/// <summary>
/// The shipped completion scripts are what the writers make of the real command tree (so they never drift from
/// the CLI), and they work in the real shells: bash with Debian's bash-completion, zsh's compinit.
/// </summary>
public class CompletionFilesTests
{
    private static readonly string BashFile = Path.Combine(RepositoryRoot.Path, "packaging/completions/modgate.bash");
    private static readonly string ZshFile = Path.Combine(RepositoryRoot.Path, "packaging/completions/_modgate");

    [Fact]
    public void Bash_completion_file_is_generated_from_the_command_tree()
    {
        var root = CompletionModel.Root();
        AssertFileIs(BashFile, BashCompletionWriter.Write(CompletionModel.RootOptions(root), CompletionModel.Commands(root)));
    }

    [Fact]
    public void Zsh_completion_file_is_generated_from_the_command_tree()
    {
        var root = CompletionModel.Root();
        AssertFileIs(ZshFile, ZshCompletionWriter.Write(CompletionModel.RootOptions(root), CompletionModel.Commands(root)));
    }

    [Fact]
    public void Bash_completes_every_command_of_the_tree_from_nothing()
    {
        var offered = Complete("modgate ");
        foreach (var command in CompletionModel.Commands(CompletionModel.Root()))
            Assert.Contains(command.Name, offered);
        Assert.Contains("--version", offered);
    }

    [Theory]
    [InlineData("modgate ch", "check")]
    [InlineData("modgate im", "import-modprobe")]
    [InlineData("modgate exec --autoload ", "off privileged")]
    [InlineData("modgate restrict --lo", "--load")]
    [InlineData("modgate simulate ", "autoload load unload")]
    [InlineData("modgate simulate autoload tty-ldisc-13 --origin ", "autoload explicit")]
    [InlineData("modgate simulate --process-mode p", "privileged")]
    [InlineData("modgate log -", "--follow -f --since --file --journal --journal-directory --help -h --policy --kernel-tree --json --no-color --wide --quiet -q --verbose -v")]
    [InlineData("modgate status --p", "--pid --policy")]
    public void Bash_offers_what_the_command_accepts(string line, string expected)
    {
        Assert.Equal(expected.Split(' '), Complete(line));
    }

    [Fact]
    public void Bash_completes_policy_files_and_the_command_after_exec_dashes()
    {
        Assert.Contains("packaging/policy/policy.conf", Complete("modgate check packaging/policy/pol"));
        Assert.Contains("packaging/policy/policy.conf", Complete("modgate apply --policy packaging/policy/pol"));
        Assert.Contains("bash", Complete("modgate exec --autoload=off -- bas"));
    }

    [Fact]
    public void Zsh_registers_the_completion_for_modgate()
    {
        var directory = Path.GetDirectoryName(ZshFile)!;
        var result = ProcessRunner.Run("zsh", ["-f", "-c",
            $"fpath=({directory} $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[modgate]; zsh -n {ZshFile} && print syntax-ok"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("_modgate\nsyntax-ok\n", result.Stdout);
    }

    /// <summary>Runs the completion function as bash does on TAB at the end of LINE; returns COMPREPLY in order.</summary>
    private static string[] Complete(string line)
    {
        var script = "source /usr/share/bash-completion/bash_completion; source \"$1\"; " +
                     "read -r -a COMP_WORDS <<<\"$2\"; [[ $2 == *' ' ]] && COMP_WORDS+=(''); " +
                     "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$2; COMP_POINT=${#2}; " +
                     "_modgate modgate \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"; printf '%s\\n' \"${COMPREPLY[@]}\"";
        var result = RunIn(RepositoryRoot.Path, "bash", ["-c", script, "bash", BashFile, line]);
        Assert.True(result.ExitCode == 0, $"bash completion of '{line}' failed: {result.Stderr}");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs a program in DIRECTORY (relative file names complete from there) without touching this process's directory.</summary>
    private static (int ExitCode, string Stdout, string Stderr) RunIn(string directory, string program, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    private static void AssertFileIs(string path, string generated)
    {
        if (Environment.GetEnvironmentVariable("MODGATE_WRITE_COMPLETIONS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing: run MODGATE_WRITE_COMPLETIONS=1 dotnet test tests/Modgate.Cli.Tests --filter Completion");
        Assert.True(File.ReadAllText(path) == generated,
            $"{path} differs from the command tree: run MODGATE_WRITE_COMPLETIONS=1 dotnet test tests/Modgate.Cli.Tests --filter Completion and commit it");
    }
}
