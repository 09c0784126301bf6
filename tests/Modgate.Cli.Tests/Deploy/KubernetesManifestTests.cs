using System.Text.RegularExpressions;
using Modgate.Cli.Commands;
using YamlDotNet.RepresentationModel;

namespace Modgate.Cli.Tests.Deploy;

/// <summary>
/// deploy/kubernetes parsed as YAML (no cluster and no kubeconform here: this is the schema check): the fields the
/// DaemonSet needs to enforce and to ship audit records, consistent names across the files, commands the real CLI
/// accepts, and a policy that `modgate check` accepts.
/// </summary>
public class KubernetesManifestTests
{
    private static readonly string Directory = Path.Combine(RepositoryRoot.Path, "deploy", "kubernetes");

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Directory, file));
        stream.Load(reader);
        return Assert.Single(stream.Documents).RootNode as YamlMappingNode ?? throw new InvalidDataException($"{file}: not a mapping");
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var map = Assert.IsType<YamlMappingNode>(node);
            Assert.True(map.Children.TryGetValue(new YamlScalarNode(key), out var next), $"missing field '{key}' of {string.Join('.', path)}");
            node = next;
        }
        return node;
    }

    private static string Text(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value!;

    private static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        Assert.IsType<YamlSequenceNode>(At(node, path)).Children.Cast<YamlMappingNode>();

    private static YamlMappingNode DaemonSet => Load("daemonset.yaml");

    private static YamlMappingNode Container(string name) =>
        Items(DaemonSet, "spec", "template", "spec", "containers").Single(c => Text(c, "name") == name);

    private static string[] Command(string container) =>
        [.. Assert.IsType<YamlSequenceNode>(At(Container(container), "command")).Children.Select(n => ((YamlScalarNode)n).Value!)];

    [Fact]
    public void Kustomization_lists_every_manifest_and_each_has_the_kind_and_api_kubernetes_expects()
    {
        var listed = Assert.IsType<YamlSequenceNode>(At(Load("kustomization.yaml"), "resources")).Children.Select(n => ((YamlScalarNode)n).Value!).Order();
        var files = System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order();
        Assert.Equal(files, listed);
        Assert.Equal(("v1", "Namespace"), (Text(Load("namespace.yaml"), "apiVersion"), Text(Load("namespace.yaml"), "kind")));
        Assert.Equal(("v1", "ConfigMap"), (Text(Load("configmap.yaml"), "apiVersion"), Text(Load("configmap.yaml"), "kind")));
        Assert.Equal(("apps/v1", "DaemonSet"), (Text(DaemonSet, "apiVersion"), Text(DaemonSet, "kind")));
    }

    [Fact]
    public void Everything_lives_in_the_namespace_the_manifests_create_which_admits_privileged_pods()
    {
        var ns = Load("namespace.yaml");
        var name = Text(ns, "metadata", "name");
        Assert.Equal("privileged", Text(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce"));
        Assert.Equal(name, Text(Load("configmap.yaml"), "metadata", "namespace"));
        Assert.Equal(name, Text(DaemonSet, "metadata", "namespace"));
        foreach (var n in new[] { name, Text(DaemonSet, "metadata", "name"), Text(Load("configmap.yaml"), "metadata", "name") })
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", n);   // RFC 1123 label, as the API server requires
    }

    [Fact]
    public void DaemonSet_selector_matches_its_pods_and_runs_on_every_node()
    {
        var selector = Assert.IsType<YamlMappingNode>(At(DaemonSet, "spec", "selector", "matchLabels"));
        var labels = Assert.IsType<YamlMappingNode>(At(DaemonSet, "spec", "template", "metadata", "labels"));
        Assert.NotEmpty(selector.Children);
        foreach (var (key, value) in selector.Children) Assert.Equal(value, labels.Children[key]);
        var toleration = Assert.Single(Items(DaemonSet, "spec", "template", "spec", "tolerations"));
        Assert.Equal("Exists", Text(toleration, "operator"));
        Assert.False(toleration.Children.ContainsKey(new YamlScalarNode("key")), "a toleration with a key tolerates only that taint");
    }

    [Fact]
    public void Agent_is_privileged_in_the_host_pid_namespace_and_runs_modgate_agent()
    {
        Assert.Equal("true", Text(DaemonSet, "spec", "template", "spec", "hostPID"));
        Assert.Equal("true", Text(Container("agent"), "securityContext", "privileged"));
        Assert.Equal(["/usr/sbin/modgate", "agent"], Command("agent"));
    }

    [Theory]
    [InlineData("agent", "/sys/fs/bpf", "hostPath", "/sys/fs/bpf")]
    [InlineData("agent", "/etc/modgate", "configMap", "modgate-policy")]
    [InlineData("agent", "/lib/modules", "hostPath", "/lib/modules")]
    [InlineData("agent", "/sys/kernel/security", "hostPath", "/sys/kernel/security")]
    [InlineData("agent", "/sys/fs/cgroup", "hostPath", "/sys/fs/cgroup")]
    [InlineData("agent", "/run/modgate", "hostPath", "/run/modgate")]
    [InlineData("agent", "/var/log/modgate", "hostPath", "/var/log/modgate")]
    [InlineData("audit", "/var/log/modgate", "hostPath", "/var/log/modgate")]
    public void Container_mounts_what_modgate_reads_and_writes(string container, string mountPath, string source, string sourceName)
    {
        var mount = Items(Container(container), "volumeMounts").Single(m => Text(m, "mountPath") == mountPath);
        var volume = Items(DaemonSet, "spec", "template", "spec", "volumes").Single(v => Text(v, "name") == Text(mount, "name"));
        Assert.Equal(sourceName, Text(volume, source, source == "configMap" ? "name" : "path"));
    }

    [Fact]
    public void Bpffs_propagates_both_ways_so_pins_are_the_hosts_and_read_only_mounts_stay_read_only()
    {
        var mounts = Items(Container("agent"), "volumeMounts").ToDictionary(m => Text(m, "mountPath"));
        Assert.Equal("Bidirectional", Text(mounts["/sys/fs/bpf"], "mountPropagation"));
        foreach (var path in new[] { "/etc/modgate", "/lib/modules", "/sys/kernel/security", "/sys/fs/cgroup" })
            Assert.Equal("true", Text(mounts[path], "readOnly"));
    }

    [Fact]
    public void Every_volume_is_mounted_and_every_mount_has_a_volume()
    {
        var volumes = Items(DaemonSet, "spec", "template", "spec", "volumes").Select(v => Text(v, "name")).Order().ToArray();
        var mounted = Items(DaemonSet, "spec", "template", "spec", "containers")
            .SelectMany(c => Items(c, "volumeMounts")).Select(m => Text(m, "name")).Distinct().Order().ToArray();
        Assert.Equal(volumes, mounted);
    }

    [Fact]
    public void Audit_container_prints_the_audit_log_to_stdout_as_json_lines()
    {
        Assert.Equal(["/usr/sbin/modgate", "log", "--follow", "--json", "--file", "/var/log/modgate/audit.jsonl"], Command("audit"));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("audit")]
    public void Container_commands_parse_with_the_real_command_line(string container)
    {
        var parse = CommandRegistry.BuildRoot().Parse(Command(container)[1..]);
        Assert.Empty(parse.Errors);
    }

    [Fact]
    public void Memory_quantities_are_kubernetes_quantities()
    {
        foreach (var container in Items(DaemonSet, "spec", "template", "spec", "containers"))
            foreach (var kind in new[] { "requests", "limits" })
                Assert.Matches(new Regex("^[0-9]+(Ki|Mi|Gi)$"), Text(container, "resources", kind, "memory"));
    }

    [Fact]
    public void ConfigMap_policy_is_valid_and_starts_in_complain_mode()
    {
        var policy = Text(Load("configmap.yaml"), "data", "policy.conf");
        var file = Path.Combine(Path.GetTempPath(), $"modgate-fleet-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, policy);
        try
        {
            var result = CliRunner.Run("check", file);
            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("policy ok: 1 file, 0 rules, autoload privileged, load classic, unload classic, default allow, complain mode;", result.Stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Containerfile_installs_the_deb_that_build_deb_makes_and_runs_modgate()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "deploy", "container", "Containerfile"));
        Assert.Contains("COPY modgate_*_amd64.deb /tmp/", lines);
        Assert.Contains("ENTRYPOINT [\"/usr/sbin/modgate\"]", lines);
        // build-deb.sh names its output modgate_VERSION_ARCH.deb.
        Assert.Contains("deb=$out/modgate_${version}_${arch}.deb", File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "scripts", "build-deb.sh")));
        var image = Text(Container("agent"), "image");
        Assert.Equal(image, Text(Container("audit"), "image"));
        Assert.EndsWith(":0.1.0", image);
    }
}
