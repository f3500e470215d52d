using LiteDB;

namespace MediaLibrary.Common.Catalog;

/// <summary>Settings kept in the catalog (the host's config, the instance id).</summary>
public sealed partial class CatalogStore : ISettingsStore
{
    /// <summary>A random id of this catalog file, made when it was created: batch ids built from it
    /// never repeat after the file is deleted and made anew (a repeat would be taken as a re-send).</summary>
    public string Instance
    {
        get
        {
            if (_meta.FindById("instance") is { } d)
            {
                return d["value"].AsString;
            }
            var id = Guid.NewGuid().ToString("N")[..12];
            _meta.Insert(new BsonDocument { ["_id"] = "instance", ["value"] = id });
            return id;
        }
    }

    /// <summary>A document of settings stored under <paramref name="key"/> (config changed through the API).</summary>
    public BsonDocument? Setting(string key) => _meta.FindById("setting:" + key)?["value"].AsDocument;

    /// <summary>Stores settings under <paramref name="key"/>.</summary>
    public void SaveSetting(string key, BsonDocument value) =>
        _meta.Upsert(new BsonDocument { ["_id"] = "setting:" + key, ["value"] = value });
}
