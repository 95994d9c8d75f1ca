using System.Diagnostics;
using System.Globalization;
using AwesomeAssertions;
using Haven.TestSupport;
using MimeKit;

namespace Haven.Web.Tests.Mail;

/// <summary>`haven mail test`, run as a real process the way an operator checks the mail settings.</summary>
public sealed class MailTestCommandTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "haven-cli-" + Guid.NewGuid().ToString("N"));
    private readonly TestSmtpServer _smtp = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task<(int Code, string Output)> RunAsync(Dictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "haven.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Haven__DataPath"] = _data;
        start.Environment["Haven__LoadDemoContent"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private Dictionary<string, string> Smtp() => new()
    {
        ["Haven__Mail__Smtp__Host"] = _smtp.Host,
        ["Haven__Mail__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Haven__Mail__Smtp__Security"] = "None",
        ["Haven__Mail__FromAddress"] = "alerts@coalition.example.org",
    };

    [Fact]
    public async Task The_test_message_goes_through_the_configured_smtp_server()
    {
        await _smtp.StartAsync();
        var (code, output) = await RunAsync(Smtp(), "mail", "test", "--to", "operator@example.org");

        code.Should().Be(0, output);
        output.Should().Contain($"Sent a test message to operator@example.org through the SMTP server {_smtp.Host}:{_smtp.Port}");
        var message = _smtp.Received().Should().ContainSingle().Subject;
        message.Headers["X-RcptTo"].Should().Be("operator@example.org");
        message.From.Mailboxes.Single().Address.Should().Be("alerts@coalition.example.org");
        message.Subject.Should().Be("Test message from Haven");
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_with_its_error_and_a_failing_exit_code()
    {
        var (code, output) = await RunAsync(Smtp(), "mail", "test", "--to", "operator@example.org");

        code.Should().Be(1, output);
        output.Should().Contain($"Could not connect to {_smtp.Host}:{_smtp.Port}").And.Contain("stays in the outbox");
    }

    [Fact]
    public async Task Without_smtp_settings_the_test_message_is_written_under_the_data_folder()
    {
        var (code, output) = await RunAsync([], "mail", "test", "--to", "operator@example.org");

        code.Should().Be(0, output);
        output.Should().Contain("the pickup folder");
        var file = Directory.GetFiles(Path.Combine(_data, "mail"), "*.eml").Should().ContainSingle().Subject;
        (await MimeMessage.LoadAsync(file)).To.Mailboxes.Single().Address.Should().Be("operator@example.org");
    }

    [Fact]
    public async Task A_missing_or_malformed_address_is_a_usage_error()
    {
        (await RunAsync([], "mail", "test")).Code.Should().Be(2);
        (await RunAsync([], "mail", "test", "--to", "not an address")).Code.Should().Be(2);
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
