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
            const string caller = "caller\tcaller: f (static, its address taken)";
            Assert.Equal(
                "file\tline\tfunction\tformat\targuments\tenclosing\tcontext\tvia\n" +
                $"net/a.c\t3\trequest_module\tnet-pf-%d\tfamily\tf\t{caller}\n" +
                $"net/a.c\t7\trequest_module_nowait\tnfnetlink-subsys-%d\tNFNL_SUBSYS_ID(type)\tf\t{caller}\n" +
                $"net/a.c\t9\ttry_then_request_module\t%st_%s\tprefix, name\tf\t{caller}\n" +
                $"net/a.c\t10\trequest_module\t{{PREFIX}}tag-%d{{SUFFIX}}\t4\tf\t{caller}\n", stdout);
            (code, stdout, stderr) = ProcessRunner.Run("/usr/bin/python3", [Path.Combine(tool, "extract_disabled_aliases.py"), source.FullName]);
            Assert.True(code == 0, stderr);
            Assert.Equal("file\tline\tmacro\nnet/a.c\t12\tMODULE_ALIAS_NETPROTO(PF_RDS)\n", stdout);
        }
        finally
        {
            source.Delete(recursive: true);
        }
    }

    [Fact]
    public void Extractor_derives_the_context_each_call_runs_in_from_its_callers()
    {
        var source = Directory.CreateTempSubdirectory("modgate-src-");
        try
        {
            Directory.CreateDirectory(Path.Combine(source.FullName, "x"));
            // One helper that asks, reached from a system call, a kthread, a work item (registered and by its
            // parameter type), a timer and init code; and a static function nothing calls (an ops table's).
            File.WriteAllText(Path.Combine(source.FullName, "x", "a.c"), """
                int lookup(const char *name)
                {
                	return request_module("thing-%s", name);
                }

                static int worker_thread(void *data)
                {
                	return lookup(data);
                }

                static void start(void)
                {
                	kthread_run(worker_thread, NULL, "worker");
                }

                SYSCALL_DEFINE1(thing, const char __user *, name)
                {
                	return lookup("x");
                }

                static int __init thing_init(void)
                {
                	return lookup("boot");
                }

                static int from_ops(struct file *f)
                {
                	return request_module("other-%d", 1);
                }
                """);
            File.WriteAllText(Path.Combine(source.FullName, "x", "b.c"), """
                static void by_type(struct work_struct *work)
                {
                	lookup("w");
                }

                static void fire(struct timer_list *t)
                {
                	request_module("timer-%d", 2);
                }

                static void setup(struct foo *foo)
                {
                	timer_setup(&foo->timer, fire, 0);
                }
                """);
            var tool = Path.Combine(RepositoryRoot.Path, "tools", "request-sites", "extract_request_sites.py");
            var (code, stdout, stderr) = ProcessRunner.Run("/usr/bin/python3", [tool, source.FullName]);
            Assert.True(code == 0, stderr);
            var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).ToDictionary(r => r[3]);
            Assert.Equal(("lookup", "caller,kthread,workqueue,boot"), (rows["thing-%s"][5], rows["thing-%s"][6]));
            Assert.Equal("caller: lookup<-sys_thing (system call); kthread: lookup<-worker_thread (kthread_run in x/a.c); " +
                         "workqueue: lookup<-by_type (its parameter type); boot: lookup<-thing_init (__init)", rows["thing-%s"][7]);
            Assert.Equal(("from_ops", "caller"), (rows["other-%d"][5], rows["other-%d"][6]));
            Assert.Equal(("fire", "softirq", "softirq: fire (timer_setup in x/b.c)"), (rows["timer-%d"][5], rows["timer-%d"][6], rows["timer-%d"][7]));
        }
        finally
        {
            source.Delete(recursive: true);
        }
    }
}
