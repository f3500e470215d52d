using LiteDB;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Hashing;
using MediaLibrary.Contracts.V1;

namespace MediaLibrary.Common.Ingest;

/// <summary>
/// What /ingest/config serves: the host's configured settings, overlaid with values changed through
/// the catalog API (kept in the catalog, so they survive a restart).
/// </summary>
public sealed class ConfigService(CatalogStore catalog, IngestSettings defaults)
{
    private const string OverridesKey = "ingest_config";
    private readonly Lock _gate = new();

    /// <summary>The config for <paramref name="agent"/> ("" for the default roots).</summary>
    public IngestConfig Get(string agent)
    {
        lock (_gate)
        {
            var config = ToMessage(defaults);
            if (catalog.Setting(OverridesKey) is { } overrides)
            {
                // Only the fields that were changed override the configured settings.
                var stored = IngestConfig.Parser.ParseJson(overrides["config"].AsString);
                foreach (var field in overrides["fields"].AsArray.Select(v => v.AsString))
                {
                    CopyField(stored, config, field);
                }
            }
            var roots = RootsFor(agent);
            config.RemoteRoots.Clear();
            config.RemoteRoots.AddRange(roots);
            return config;
        }
    }

    /// <summary>Changes the named fields (JSON names); remote_roots may be per agent.</summary>
    /// <exception cref="ArgumentException">An unknown field or a value out of range.</exception>
    public IngestConfig Update(UpdateConfigRequest request)
    {
        var fields = request.Fields.Distinct(StringComparer.Ordinal).ToList();
        var known = IngestConfig.Descriptor.Fields.InFieldNumberOrder().ToDictionary(f => f.JsonName, StringComparer.Ordinal);
        foreach (var field in fields.Where(f => !known.ContainsKey(f)))
        {
            throw new ArgumentException($"unknown config field '{field}'");
        }
        var value = request.Config ?? new IngestConfig();
        Validate(value, fields);
        lock (_gate)
        {
            var doc = catalog.Setting(OverridesKey) ?? new BsonDocument { ["fields"] = new BsonArray(), ["config"] = "{}",
                ["agent_roots"] = new BsonDocument() };
            var stored = IngestConfig.Parser.ParseJson(doc["config"].AsString);
            var storedFields = doc["fields"].AsArray.Select(v => v.AsString).ToHashSet(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (field == "remote_roots" && request.Agent.Length > 0)
                {
                    doc["agent_roots"].AsDocument[request.Agent] = new BsonArray(value.RemoteRoots.Select(r => new BsonValue(r)));
                    continue;
                }
                CopyField(value, stored, field);
                storedFields.Add(field);
            }
            doc["config"] = Google.Protobuf.JsonFormatter.Default.Format(stored);
            doc["fields"] = new BsonArray(storedFields.Select(f => new BsonValue(f)));
            catalog.SaveSetting(OverridesKey, doc);
        }
        return Get(request.Agent);
    }

    private List<string> RootsFor(string agent)
    {
        var doc = catalog.Setting(OverridesKey);
        if (agent.Length > 0 && doc is not null && doc["agent_roots"].AsDocument.TryGetValue(agent, out var roots))
        {
            return roots.AsArray.Select(v => v.AsString).ToList();
        }
        if (agent.Length > 0 && defaults.AgentRoots.TryGetValue(agent, out var configured))
        {
            return configured;
        }
        if (doc is not null && doc["fields"].AsArray.Any(v => v.AsString == "remote_roots"))
        {
            return [.. IngestConfig.Parser.ParseJson(doc["config"].AsString).RemoteRoots];
        }
        return defaults.RemoteRoots;
    }

    private static void Validate(IngestConfig c, List<string> fields)
    {
        void Check(string field, bool ok, string message)
        {
            if (fields.Contains(field) && !ok)
            {
                throw new ArgumentException($"{field}: {message}");
            }
        }
        Check("hash_algo", HashAlgorithmName.IsKnown(c.HashAlgo), $"must be one of {string.Join(", ", HashAlgorithmName.All)}");
        Check("hash_sample_size", c.HashSampleSize is >= 4096 and <= 64 * 1024 * 1024, "must be 4096 to 67108864");
        Check("batch_size", c.BatchSize is >= 1 and <= 10_000, "must be 1 to 10000");
        Check("agent_max_workers", c.AgentMaxWorkers is >= 1 and <= 256, "must be 1 to 256");
        Check("agent_offpeak_start", c.AgentOffpeakStart is >= 0 and <= 23, "must be an hour 0 to 23");
        Check("agent_offpeak_end", c.AgentOffpeakEnd is >= 0 and <= 24, "must be an hour 0 to 24");
        Check("junk_patterns", c.JunkPatterns.All(p => p.Length > 0), "patterns must not be empty");
        Check("remote_roots", c.RemoteRoots.All(r => r.Length > 0 && r[0] == '/' && !r.Contains('\0', StringComparison.Ordinal)),
            "roots must be absolute paths");
    }

    private static void CopyField(IngestConfig from, IngestConfig to, string jsonName)
    {
        var field = IngestConfig.Descriptor.Fields.InFieldNumberOrder().Single(f => f.JsonName == jsonName);
        if (field.IsRepeated)
        {
            var target = (System.Collections.IList)field.Accessor.GetValue(to);
            target.Clear();
            foreach (var item in (System.Collections.IEnumerable)field.Accessor.GetValue(from))
            {
                target.Add(item);
            }
        }
        else
        {
            field.Accessor.SetValue(to, field.Accessor.GetValue(from));
        }
    }

    /// <summary>The message form of the configured settings.</summary>
    public static IngestConfig ToMessage(IngestSettings s)
    {
        var c = new IngestConfig
        {
            HashAlgo = s.HashAlgo,
            HashSampleSize = s.HashSampleSize,
            DoFullHash = s.DoFullHash,
            BatchSize = s.BatchSize,
            AgentMaxWorkers = s.AgentMaxWorkers,
            AgentGzip = s.AgentGzip,
            AgentAdaptive = s.AgentAdaptive,
            AgentOffpeakStart = s.AgentOffpeakStart,
            AgentOffpeakEnd = s.AgentOffpeakEnd,
            WalkMode = s.WalkMode,
            FollowSymlinks = s.FollowSymlinks,
        };
        c.RemoteRoots.AddRange(s.RemoteRoots);
        c.MediaExtensions.AddRange(s.MediaExtensions);
        c.AudioExtensions.AddRange(s.AudioExtensions);
        c.ImageExtensions.AddRange(s.ImageExtensions);
        c.SubtitleExtensions.AddRange(s.SubtitleExtensions);
        c.XmlExtensions.AddRange(s.XmlExtensions);
        c.OtherExtensions.AddRange(s.OtherExtensions);
        c.JunkPatterns.AddRange(s.JunkPatterns);
        c.JunkExcludeExtensions.AddRange(s.JunkExcludeExtensions);
        return c;
    }
}
