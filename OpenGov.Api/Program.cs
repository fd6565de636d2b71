using OpenGov.Api.Cli;
using OpenGov.Api.Endpoints;
using OpenGov.Api.Hosting;

// The import runs without the web host; any other command line starts the service.
if (args is ["import", .. var importArgs])
    return ImportCommand.Run(importArgs, Console.Out, Console.Error);
if (args is ["releases", .. var releaseArgs])
    return ReleasesCommand.Run(releaseArgs, Console.Out, Console.Error);
if (args is ["sample", .. var sampleArgs])
    return SampleCommand.Run(sampleArgs, Console.Out, Console.Error);

// appsettings.json travels with the binaries: found wherever the service is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddOpenGov(builder.Configuration);

var app = builder.Build();
app.UseOpenGov();
app.MapOpenGov();
app.Run();
return 0;

/// <summary>The entry point, public so that tests can host the app.</summary>
public partial class Program;
