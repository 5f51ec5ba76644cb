using System.Runtime.InteropServices;

namespace NewsApi.Hosting;

/// <summary>
/// glibc's malloc raises its mmap threshold whenever a large block is freed (up to 32 MiB), and its trim threshold
/// with it (to 64 MiB), so after a burst of requests the heap keeps what SQLite's page caches, OpenSSL and the runtime
/// freed instead of giving it back. A fixed threshold turns that off: blocks of 128 KiB or more are mapped and unmapped
/// on their own, and the heap is trimmed once 128 KiB of it is free. Called before anything else allocates much.
/// Does nothing where the C library is not glibc.
/// </summary>
internal static class NativeHeap
{
    private const int MmapThresholdParameter = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int ThresholdBytes = 128 * 1024; // glibc's own starting value

    /// <summary>Whether glibc took the setting.</summary>
    public static bool GiveFreedMemoryBack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return SetMallocOption(MmapThresholdParameter, ThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetMallocOption(int parameter, int value);
}
