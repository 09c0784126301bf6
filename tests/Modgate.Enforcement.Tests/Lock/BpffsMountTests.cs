using Modgate.Enforcement.Lock;

namespace Modgate.Enforcement.Tests.Lock;

public sealed class BpffsMountTests
{
    // Lines as the QEMU guest's /proc/self/mountinfo has them (the bpffs is anonymous device 0:26).
    private const string GuestMountInfo =
        "1 1 0:2 / / rw - rootfs rootfs rw\n" +
        "20 1 0:20 / /sys rw,relatime - sysfs sysfs rw\n" +
        "27 20 0:26 / /sys/fs/bpf rw,relatime - bpf bpf rw\n" +
        "28 20 0:27 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw\n";

    [Fact]
    public void The_longest_mount_point_holding_the_path_gives_the_device() =>
        Assert.Equal(26u, BpffsMount.KernelDevOf("/sys/fs/bpf/modgate", GuestMountInfo));

    [Fact]
    public void Major_goes_above_bit_20_as_in_the_kernels_dev_t() =>
        Assert.Equal((8u << 20) | 300u, BpffsMount.KernelDevOf("/b/x", "5 1 8:300 / /b rw - bpf bpf rw\n"));

    [Fact]
    public void Optional_fields_before_the_separator_are_skipped() =>
        Assert.Equal(26u, BpffsMount.KernelDevOf("/sys/fs/bpf/modgate", "27 20 0:26 / /sys/fs/bpf rw shared:7 master:2 - bpf bpf rw\n"));

    [Fact]
    public void A_path_whose_mount_is_not_bpffs_is_refused_with_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BpffsMount.KernelDevOf("/sys/fs/bpf/modgate", GuestMountInfo.Replace("27 20 0:26 / /sys/fs/bpf rw,relatime - bpf bpf rw\n", "")));
        Assert.Equal("/sys/fs/bpf/modgate is not on a bpffs mount (mount -t bpf bpf /sys/fs/bpf)", error.Message);
    }

    [Fact]
    public void A_sibling_with_a_common_prefix_is_not_a_parent() =>
        Assert.Throws<InvalidOperationException>(() => BpffsMount.KernelDevOf("/sys/fs/bpfx/modgate", "27 20 0:26 / /sys/fs/bpf rw - bpf bpf rw\n"));

    [Fact]
    public void A_bad_device_field_names_the_line()
    {
        var error = Assert.Throws<FormatException>(() => BpffsMount.KernelDevOf("/sys/fs/bpf/m", "27 20 zz / /sys/fs/bpf rw - bpf bpf rw\n"));
        Assert.Contains("bad major:minor 'zz'", error.Message);
    }
}
