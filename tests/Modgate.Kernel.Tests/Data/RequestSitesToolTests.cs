namespace Modgate.Kernel.Tests;

/// <summary>tools/request-sites on a small source tree written for the purpose: every case the extractor must get right.</summary>
public sealed class RequestSitesToolTests
{
    [Fact]
    public void Extractor_finds_calls_and_formats_and_skips_comments_strings_and_definitions()
    {
        var source = Directory.CreateTempSubdirectory("modgate-src-");
        try
        {
            Directory.CreateDirectory(Path.Combine(source.FullName, "net"));
            Directory.CreateDirectory(Path.Combine(source.FullName, "include", "linux"));
            File.WriteAllText(Path.Combine(source.FullName, "include", "linux", "kmod.h"), "#define request_module(mod...) __request_module(true, mod)\n");
            File.WriteAllText(Path.Combine(source.FullName, "net", "a.c"), """
                static int f(int family, const char *name)
                {
                	request_module("net-pf-%d", family);
                	/* request_module("commented-%d", 1); */
                	// request_module("also-commented");
                	pr_err("request_module (can-proto-%d) failed", 3);
                	request_module_nowait("nfnetlink-subsys-%d",
                			      NFNL_SUBSYS_ID(type));
                	try_then_request_module(find(name), "%st_%s", prefix, name);
                	return request_module(PREFIX "tag-%d" SUFFIX, 4);
                }
                /* MODULE_ALIAS_NETPROTO(PF_RDS); */
                MODULE_ALIAS_NETPROTO(PF_CAN);
                """);
            var tool = Path.Combine(RepositoryRoot.Path, "tools", "request-sites");
            var (code, stdout, stderr) = ProcessRunner.Run("/usr/bin/python3", [Path.Combine(tool, "extract_request_sites.py"), source.FullName]);
            Assert.True(code == 0, stderr);
            Assert.Equal(
                "file\tline\tfunction\tformat\targuments\n" +
                "net/a.c\t3\trequest_module\tnet-pf-%d\tfamily\n" +
                "net/a.c\t7\trequest_module_nowait\tnfnetlink-subsys-%d\tNFNL_SUBSYS_ID(type)\n" +
                "net/a.c\t9\ttry_then_request_module\t%st_%s\tprefix, name\n" +
                "net/a.c\t10\trequest_module\t{PREFIX}tag-%d{SUFFIX}\t4\n", stdout);
            (code, stdout, stderr) = ProcessRunner.Run("/usr/bin/python3", [Path.Combine(tool, "extract_disabled_aliases.py"), source.FullName]);
            Assert.True(code == 0, stderr);
            Assert.Equal("file\tline\tmacro\nnet/a.c\t12\tMODULE_ALIAS_NETPROTO(PF_RDS)\n", stdout);
        }
        finally
        {
            source.Delete(recursive: true);
        }
    }
}
