using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MediaLibrary.Common.Catalog;

/// <summary>
/// An exclusive flock on "catalog.db.lock". LiteDB does not lock its file between processes on
/// Linux, and two writers corrupt it (measured here), so only the holder of this lock opens it.
/// </summary>
public sealed partial class CatalogLock : IDisposable
{
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int EWouldBlock = 11;
    private const int ORdWr = 2;
    private const int OCreat = 0x40;
    private const int OCloExec = 0x80000;
    private readonly FileStream _file;

    private CatalogLock(FileStream file) => _file = file;

    /// <summary>Takes the lock or fails at once with a message naming the holder's pid.</summary>
    /// <exception cref="CatalogException">Another process holds it, or the lock file cannot be created.</exception>
    public static CatalogLock Acquire(string catalogPath)
    {
        var lockPath = catalogPath + ".lock";
        // Opened through libc, not FileStream: .NET takes flocks of its own on open (and lets an
        // environment variable switch them off), which would turn "busy" into an unrelated error.
        int fd = Open(lockPath, ORdWr | OCreat | OCloExec, 0x1B6);
        if (fd < 0)
        {
            int openErrno = Marshal.GetLastPInvokeError();
            throw new CatalogException($"cannot create lock file {lockPath}: {Marshal.GetPInvokeErrorMessage(openErrno)}");
        }
        var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
        for (int attempt = 0; Flock(fd, LockEx | LockNb) != 0; attempt++)
        {
            int errno = Marshal.GetLastPInvokeError();
            // A lock this process has just released can still be held for a moment by a child it
            // is starting: fork shares the open file until exec closes it. So when the holder is
            // this very process, wait a little before calling the catalog busy.
            if (errno == EWouldBlock && attempt < 100 && HolderPid(file) == Environment.ProcessId)
            {
                Thread.Sleep(10);
                continue;
            }
            var holder = HolderPid(file) is { } pid ? $" (pid {pid})" : "";
            file.Dispose();
            throw errno == EWouldBlock
                ? new CatalogException($"catalog {catalogPath} is in use by another mlm process{holder}; try again when it ends") { Busy = true }
                : new CatalogException($"cannot lock catalog {catalogPath}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        try
        {
            // The pid is only for the "in use" message; a full disk must not leak the lock.
            file.SetLength(0);
            file.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n"));
            file.Flush();
        }
        catch (IOException e)
        {
            file.Dispose();
            throw new CatalogException($"cannot write lock file {lockPath}: {e.Message}", e);
        }
        return new CatalogLock(file);
    }

    /// <summary>Releases the lock (closing the file drops the flock).</summary>
    public void Dispose() => _file.Dispose();

    private static int? HolderPid(FileStream file)
    {
        try
        {
            var buffer = new byte[32];
            int n = RandomAccess.Read(file.SafeFileHandle, buffer, 0);
            return int.TryParse(System.Text.Encoding.ASCII.GetString(buffer, 0, n).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
