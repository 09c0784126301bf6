namespace Modgate.Bpf;

/// <summary>Symbolic names of the errno values modgate reports (Linux numbering).</summary>
public static class ErrnoNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO", [7] = "E2BIG", [9] = "EBADF",
        [11] = "EAGAIN", [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT", [16] = "EBUSY", [17] = "EEXIST",
        [19] = "ENODEV", [20] = "ENOTDIR", [21] = "EISDIR", [22] = "EINVAL", [24] = "EMFILE", [28] = "ENOSPC",
        [30] = "EROFS", [34] = "ERANGE", [38] = "ENOSYS", [95] = "EOPNOTSUPP", [524] = "ENOTSUPP",
    };

    public static string Of(int errno) => Names.TryGetValue(errno, out var name) ? name : $"errno {errno}";
}
