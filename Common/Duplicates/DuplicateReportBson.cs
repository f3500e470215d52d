using LiteDB;

namespace MediaLibrary.Common.Duplicates;

/// <summary>Duplicate groups as a BSON document, to cache a report in the catalog.</summary>
internal static class DuplicateReportBson
{
    public static BsonDocument ToDocument(IReadOnlyList<DuplicateGroup> groups) => new()
    {
        ["groups"] = new BsonArray(groups.Select(g => (BsonValue)new BsonDocument
        {
            ["size"] = g.Size,
            ["algo"] = g.Algorithm,
            ["hash"] = g.Hash,
            ["identities"] = g.Identities,
            ["members"] = new BsonArray(g.Members.Select(m => (BsonValue)new BsonDocument
            {
                ["source"] = m.Source,
                ["path"] = m.Path,
                ["dev"] = unchecked((long)m.Device),
                ["ino"] = unchecked((long)m.Inode),
                ["link_of"] = m.HardlinkOf is null ? BsonValue.Null : m.HardlinkOf,
            })),
        })),
    };

    public static List<DuplicateGroup> ToGroups(BsonDocument doc) => doc["groups"].AsArray.Select(v =>
    {
        var g = v.AsDocument;
        var members = g["members"].AsArray.Select(m => new DuplicateMember(
            m["source"].AsString,
            m["path"].AsString,
            unchecked((ulong)m["dev"].AsInt64),
            unchecked((ulong)m["ino"].AsInt64),
            m["link_of"].IsNull ? null : m["link_of"].AsString)).ToList();
        return new DuplicateGroup(g["size"].AsInt64, g["algo"].AsString, g["hash"].AsString, members, g["identities"].AsInt32);
    }).ToList();
}
