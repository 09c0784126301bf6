using Modgate.Bpf.Interop;
using Modgate.Cli.Version;

namespace Modgate.Cli.Tests.Version;

public class VersionTests
{
    [Fact]
    public void Version_prints_the_release_the_commit_built_from_and_the_libbpf_loaded()
    {
        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("modgate 0.1.0", lines[0]);

        // The build embedded the commit checked out then; other commits may have landed since, so it is HEAD or an ancestor.
        Assert.Matches("^commit: [0-9a-f]{40}$", lines[1]);
        var commit = lines[1]["commit: ".Length..];
        var ancestor = ProcessRunner.Run("git", ["-C", RepositoryRoot.Path, "merge-base", "--is-ancestor", commit, "HEAD"]);
        Assert.True(ancestor.ExitCode == 0, $"{commit} is not HEAD or an ancestor of it: {ancestor.Stderr}");

        // The libbpf the dynamic loader resolves for libbpf.so.1, as ldconfig knows it: "libbpf.so.1.1.2" is version 1.1.
        var library = File.ResolveLinkTarget("/usr/lib/x86_64-linux-gnu/libbpf.so.1", returnFinalTarget: true)?.FullName
                      ?? "/usr/lib/x86_64-linux-gnu/libbpf.so.1";
        var parts = Path.GetFileName(library)["libbpf.so.".Length..].Split('.');
        Assert.Equal($"libbpf: {parts[0]}.{parts[1]} ({library})", lines[2]);
    }

    [Fact]
    public void Version_says_which_libbpf_is_missing_and_which_package_brings_it()
    {
        var text = VersionText.Build("0.1.0+0123456789abcdef0123456789abcdef01234567",
            new LibbpfRuntime(null, null, "libbpf.so.1 not found (install Debian's libbpf1)"));

        Assert.Equal("modgate 0.1.0\ncommit: 0123456789abcdef0123456789abcdef01234567\n" +
                     "libbpf: none usable: libbpf.so.1 not found (install Debian's libbpf1)\n", text);
    }

    [Fact]
    public void Version_built_outside_git_says_the_commit_is_unknown()
    {
        var text = VersionText.Build("0.1.0", new LibbpfRuntime("1.1", null, null));

        Assert.Equal("modgate 0.1.0\ncommit: unknown (built outside a git checkout)\nlibbpf: 1.1\n", text);
    }

    [Fact]
    public void Version_of_the_package_changelog_is_the_version_of_the_binary()
    {
        var changelog = File.ReadLines(Path.Combine(RepositoryRoot.Path, "packaging/debian/changelog")).First();
        var result = CliRunner.Run("--version");

        // "modgate (0.1.0-1) unstable; urgency=medium": the upstream part before the Debian revision.
        var upstream = changelog.Split('(', ')')[1].Split('-')[0];
        Assert.StartsWith($"modgate {upstream}\n", result.Stdout);
    }
}
