namespace Modgate.Kernel.Tests;

/// <summary>
/// tools/cve-dataset on a tiny CNA repository (a real git repository with two records) and a tiny kernel
/// tree whose Kbuild files real GNU make evaluates: composite modules, built-in objects, headers, include/.
/// </summary>
public sealed class CveDatasetToolTests
{
    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Record(string id, string title, string[] files, string versions)
    {
        var programFiles = "[" + string.Join(",", files.Select(f => $"\"{f}\"")) + "]";
        return "{\"dataType\":\"CVE_RECORD\",\"cveMetadata\":{\"cveId\":\"" + id + "\"},\"containers\":{\"cna\":{\"title\":\"" + title +
               "\",\"affected\":[{\"product\":\"Linux\",\"programFiles\":" + programFiles +
               ",\"versions\":[{\"version\":\"abc\",\"lessThan\":\"def\",\"status\":\"affected\",\"versionType\":\"git\"}]}," +
               "{\"product\":\"Linux\",\"programFiles\":" + programFiles + ",\"versions\":[" + versions + "]}]}}}";
    }

    [Fact]
    public void Rebuilds_rows_from_records_and_kbuild()
    {
        var work = Directory.CreateTempSubdirectory("modgate-cve-");
        try
        {
            var tree = Path.Combine(work.FullName, "linux");
            Write(tree, "Kconfig", "config FOO\n\ttristate \"foo\"\nconfig BAR\n\tbool \"bar\"\nconfig SINGLE\n\ttristate \"single\"\n");
            Write(tree, "arch/x86/Kconfig", "config ARCHY\n\tbool \"archy\"\n");
            Write(tree, "drivers/foo/Makefile", "obj-$(CONFIG_FOO) += foo.o\nfoo-y := core.o util.o\nobj-$(CONFIG_BAR) += bar.o\n");
            foreach (var f in new[] { "drivers/foo/core.c", "drivers/foo/util.c", "drivers/foo/bar.c", "drivers/foo/foo.h", "net/single/single.c" })
                Write(tree, f, "");
            Write(tree, "net/single/Makefile", "obj-$(CONFIG_SINGLE) += single.o\n");
            var config = Path.Combine(work.FullName, "config");
            File.WriteAllText(config, "CONFIG_FOO=m\n# CONFIG_SINGLE is not set\nCONFIG_BAR=y\n");

            var vulns = Path.Combine(work.FullName, "vulns");
            Write(vulns, "cve/published/2024/CVE-2024-0001.json", Record("CVE-2024-0001", "foo: fix a use after free",
                ["drivers/foo/core.c", "drivers/foo/bar.c", "include/linux/foo.h"],
                """{"version":"4.3","status":"affected"},{"version":"0","lessThan":"4.3","status":"unaffected","versionType":"semver"},""" +
                """{"version":"6.1.85","lessThanOrEqual":"6.1.*","status":"unaffected","versionType":"semver"},""" +
                """{"version":"5.15.154","lessThanOrEqual":"5.15.*","status":"unaffected","versionType":"semver"},""" +
                """{"version":"6.8","lessThanOrEqual":"*","status":"unaffected","versionType":"original_commit_for_fix"}"""));
            Write(vulns, "cve/published/2024/CVE-2024-0002.json", Record("CVE-2024-0002", "single: fix a leak",
                ["drivers/foo/foo.h", "net/single/single.c"], """{"version":"6.9","lessThanOrEqual":"*","status":"unaffected","versionType":"original_commit_for_fix"}"""));
            foreach (var args in new[] { new[] { "init", "-q" }, ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "records", "--date=2024-02-26T10:00:00"] })
            {
                var (c, _, e) = ProcessRunner.Run("git", ["-C", vulns, .. args]);
                Assert.True(c == 0, e);
            }
            var out_ = Path.Combine(work.FullName, "out");
            var tool = Path.Combine(RepositoryRoot.Path, "tools", "cve-dataset", "build_cve_dataset.py");
            var (code, _, stderr) = ProcessRunner.Run("/usr/bin/python3", [tool, "--vulns", vulns, "--tree", $"6.1={tree}", "--config", $"6.1={config}", "--out", out_]);
            Assert.True(code == 0, stderr);
            var rows = File.ReadAllLines(Path.Combine(out_, "kernel-cve-modules.tsv"));
            Assert.Equal("cve\tmodule\tpublished\tfixed_in\tsummary\tkind\tkconfig\tdebian_amd64\tintroduced\tmatch\tarch\tfiles", rows[0]);
            Assert.Equal([
                "CVE-2024-0001\tfoo\t2024-02-26\t5.15.154,6.1.85,6.8\tfoo: fix a use after free\tmodule\tFOO\tm\t4.3\tkbuild@6.1\tany\tdrivers/foo/core.c",
                "CVE-2024-0002\tfoo\t2024-02-26\t6.9\tsingle: fix a leak\tmodule?\tFOO\tm\t\tdir-header@6.1\tany\tdrivers/foo/foo.h",
                "CVE-2024-0002\tsingle\t2024-02-26\t6.9\tsingle: fix a leak\tmodule\tSINGLE\tn\t\tkbuild@6.1\tany\tnet/single/single.c",
            ], rows[1..]);
            Assert.Equal(["module\tcves\tkconfig\tdebian_amd64", "foo\t2\tFOO\tm", "single\t1\tSINGLE\tn"],
                File.ReadAllLines(Path.Combine(out_, "module-cve-counts.tsv")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
