using LiteDB;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Common.Identity;

namespace MediaLibrary.Common.Organizing;

/// <summary>Copy, hardlink and symlink modes: the source stays; the target is made without replacing anything, and undone only while it is still what the plan made.</summary>
public sealed partial class PlanExecutor
{
    /// <summary>Copy, hardlink or symlink: the source stays; the target is made without replacing anything.</summary>
    private void Place(BsonDocument step, OrganizeMode mode) =>
        Guarded(step, step["source"].AsString, PartialOf(step, step["target"].AsString), forward: true, () =>
        {
            PlaceUnguarded(step, mode);
            return true;
        });

    private void PlaceUnguarded(BsonDocument step, OrganizeMode mode)
    {
        var source = step["source"].AsString;
        var target = step["target"].AsString;
        var temp = PartialOf(step, target);
        if (step["state"].AsString == "placing")
        {
            // Recovering: our own partial copy goes (the source is still there); a finished target is kept as done.
            if (mode == OrganizeMode.Copy && File.Exists(temp) && File.Exists(source))
            {
                File.Delete(temp);
            }
            if (IsOurs(source, target, mode))
            {
                SetState(step, "done");
                return;
            }
        }
        if (!File.Exists(source))
        {
            SetState(step, "skipped: source is gone");
            return;
        }
        SetState(step, "placing");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            switch (mode)
            {
                case OrganizeMode.Hardlink:
                    UnixFiles.HardLink(source, target);
                    break;
                case OrganizeMode.Symlink:
                    File.CreateSymbolicLink(target, source); // symlink(2) refuses an existing name
                    break;
                default:
                    CopyToNew(step, source, temp, "pending");
                    if (!SameBytes(source, temp))
                    {
                        File.Delete(temp);
                        SetState(step, "skipped: the copy did not verify");
                        return;
                    }
                    UnixFiles.RenameNoReplace(temp, target);
                    break;
            }
            SetState(step, "done");
        }
        catch (Exception e) when (e is StatException { Errno: UnixFiles.EEXIST } || (e is IOException && File.Exists(target) && !IsOurs(source, target, mode)))
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
            SetState(step, "skipped: target exists");
        }
        catch (StatException e)
        {
            // EXDEV for a hardlink to another file system, EACCES...: this file stays where it is,
            // and the plan goes on (a recovery must not fail on it again and again).
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
            SetState(step, "skipped: " + (e.Errno == UnixFiles.EXDEV ? "a hardlink cannot cross file systems" : e.Reason));
        }
    }

    /// <summary>True when <paramref name="target"/> is still what this plan made of <paramref name="source"/>.</summary>
    private static bool IsOurs(string source, string target, OrganizeMode mode)
    {
        try
        {
            return mode switch
            {
                OrganizeMode.Hardlink => File.Exists(source) && UnixFiles.Stat(target).SameInode(UnixFiles.Stat(source)),
                OrganizeMode.Symlink => new FileInfo(target).LinkTarget == source,
                _ => File.Exists(target) && File.Exists(source) && SameBytes(source, target),
            };
        }
        catch (StatException)
        {
            return false;
        }
    }

    private static bool SameBytes(string a, string b)
    {
        var hasher = new FileHasher(new HashParameters());
        return hasher.FullHash(a, UnixFiles.Stat(a, followSymlinks: true)) == hasher.FullHash(b, UnixFiles.Stat(b, followSymlinks: true));
    }

    /// <summary>Undo of copy/hardlink/symlink: removes the target only while it is still ours (a
    /// copy someone edited since, or the last copy of a vanished source, is kept).</summary>
    private bool Unplace(BsonDocument step, OrganizeMode mode) =>
        Guarded(step, step["source"].AsString, "", forward: false, () => UnplaceUnguarded(step, mode));

    private bool UnplaceUnguarded(BsonDocument step, OrganizeMode mode)
    {
        var source = step["source"].AsString;
        var target = step["target"].AsString;
        if (!IsOurs(source, target, mode))
        {
            SetState(step, "undo-skipped: the target changed or its source is gone; kept");
            return false;
        }
        File.Delete(target);
        SetState(step, "undone");
        return true;
    }
}
