using System.Text;

namespace Modgate.Benchmarks;

/// <summary>Generated policies of a given size, mixing the rule shapes real policies use.</summary>
public static class SyntheticPolicy
{
    public static string Text(int rules)
    {
        var text = new StringBuilder("version 1\nautoload privileged\ngrant netdev-* cap=CAP_NET_ADMIN\n");
        for (var i = 0; i < rules; i++)
        {
            text.Append((i % 5) switch
            {
                0 => $"deny module=mod{i}_a,mod{i}_b uid=1000-60000\n",
                1 => $"allow module=fam{i}_* origin=explicit\n",
                2 => $"deny request=net-pf-{i}-proto-*\n",
                3 => $"audit module=drv{i}\n",
                _ => $"deny unload module=keep{i}\n",
            });
        }
        text.Append("default allow\n");
        return text.ToString();
    }

    /// <summary>Requests that hit rules spread over the whole policy and requests that match none.</summary>
    public static Request[] Requests(int rules)
    {
        var requests = new List<Request>();
        for (var k = 0; k < 16; k++)
        {
            var i = (int)((long)k * rules / 16);
            requests.Add(Request.Load($"mod{i - i % 5}_b", uid: 1000));
            requests.Add(Request.Autoload($"net-pf-{i - i % 5 + 2}-proto-6", ["unknown_proto"], uid: 1000, capabilities: CapabilitySet.Of(CapabilitySet.SysModule)));
            requests.Add(Request.Load($"fam{i - i % 5 + 1}_x", Origin.Explicit));
            requests.Add(Request.Load("ext4", uid: 1000));
        }
        return [.. requests];
    }
}
