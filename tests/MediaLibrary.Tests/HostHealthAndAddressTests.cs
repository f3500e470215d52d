using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using MediaLibrary.Common.Catalog;
using MediaLibrary.Common.Net;
using MediaLibrary.Host;
using MediaLibrary.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaLibrary.Tests;

/// <summary>The host's health is its catalog's; addresses are built one way, IPv6 in brackets.</summary>
[TestClass]
public sealed class HostHealthAndAddressTests
{
    [TestMethod]
    public async Task GrpcHealth_OfARunningHost_IsServing()
    {
        using var tree = new TempTree();
        await using var host = await TestHost.StartAsync(tree.Catalog);
        using var channel = GrpcChannel.ForAddress(host.GrpcUri);
        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.AreEqual(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [TestMethod]
    public async Task CatalogHealth_AReadOnlyCatalogFile_IsUnhealthy()
    {
        using var tree = new TempTree();
        using var catalog = CatalogStore.Open(tree.Catalog);
        var check = new CatalogHealthCheck(catalog);
        Assert.AreEqual(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        File.SetAttributes(tree.Catalog, FileAttributes.ReadOnly);
        try
        {
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.AreEqual(HealthStatus.Unhealthy, result.Status);
            StringAssert.Contains(result.Description, "read-only");
        }
        finally
        {
            File.SetAttributes(tree.Catalog, FileAttributes.Normal);
        }
    }

    [TestMethod]
    public async Task CatalogHealth_ADisposedCatalog_IsUnhealthy()
    {
        using var tree = new TempTree();
        var catalog = CatalogStore.Open(tree.Catalog);
        catalog.Dispose();
        Assert.AreEqual(HealthStatus.Unhealthy, (await new CatalogHealthCheck(catalog).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [TestMethod]
    [DataRow("::1", 8877, "http://[::1]:8877/")]
    [DataRow("127.0.0.1", 8765, "http://127.0.0.1:8765/")]
    [DataRow("fe80::1", 1, "http://[fe80::1]:1/")]
    public void Of_AnEndpoint_GivesAUsableUrl(string address, int port, string expected)
    {
        Assert.AreEqual(expected, HostUri.Of(new IPEndPoint(IPAddress.Parse(address), port)).ToString());
    }

    [TestMethod]
    public void Parse_BracketedIpv6_KeepsTheBrackets()
    {
        Assert.AreEqual("http://[::1]:9000/", HostUri.Parse("[::1]:9000", 8765)!.ToString());
        Assert.AreEqual("http://[::1]:8765/", HostUri.Parse("[::1]", 8765)!.ToString());
    }
}
