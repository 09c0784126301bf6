namespace Modgate.Bpf;

/// <summary>
/// The errno values modgate tells apart or names (Linux numbering, the same on x86-64 and the asm-generic
/// architectures). Every comparison with an errno goes through these names; a value not listed here still travels
/// in an <see cref="Errno"/> and prints as "errno N".
/// </summary>
public enum Errno
{
    EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, E2BIG = 7, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EACCES = 13,
    EFAULT = 14, EBUSY = 16, EEXIST = 17, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, EMFILE = 24, ENOSPC = 28,
    EROFS = 30, EPIPE = 32, ERANGE = 34, ENOSYS = 38, EOPNOTSUPP = 95,
    /// <summary>The kernel-internal "not supported" some BPF paths leak to user space.</summary>
    ENOTSUPP = 524,
}

public static class ErrnoNames
{
    /// <summary>"EPERM", or "errno N" for a value <see cref="Errno"/> does not name. Spelled out rather than
    /// Enum.ToString: no reflection metadata needed under NativeAOT.</summary>
    public static string Of(Errno errno) => errno switch
    {
        Errno.EPERM => "EPERM",
        Errno.ENOENT => "ENOENT",
        Errno.ESRCH => "ESRCH",
        Errno.EINTR => "EINTR",
        Errno.EIO => "EIO",
        Errno.E2BIG => "E2BIG",
        Errno.EBADF => "EBADF",
        Errno.EAGAIN => "EAGAIN",
        Errno.ENOMEM => "ENOMEM",
        Errno.EACCES => "EACCES",
        Errno.EFAULT => "EFAULT",
        Errno.EBUSY => "EBUSY",
        Errno.EEXIST => "EEXIST",
        Errno.ENODEV => "ENODEV",
        Errno.ENOTDIR => "ENOTDIR",
        Errno.EISDIR => "EISDIR",
        Errno.EINVAL => "EINVAL",
        Errno.EMFILE => "EMFILE",
        Errno.ENOSPC => "ENOSPC",
        Errno.EROFS => "EROFS",
        Errno.EPIPE => "EPIPE",
        Errno.ERANGE => "ERANGE",
        Errno.ENOSYS => "ENOSYS",
        Errno.EOPNOTSUPP => "EOPNOTSUPP",
        Errno.ENOTSUPP => "ENOTSUPP",
        _ => $"errno {(int)errno}",
    };
}
