#!/usr/bin/env pwsh
# Restore, build, test, and regenerate openapi.yaml from the built service, failing on drift.
# Run with the repository's own PowerShell: `dotnet tool restore; dotnet pwsh ./build.ps1`.
# -Configuration Release|Debug (default Release).
param([string]$Configuration = 'Release')

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Step([string]$name, [scriptblock]$action) {
    Write-Host "==> $name" -ForegroundColor Cyan
    & $action
    if ($LASTEXITCODE -ne 0) {
        Write-Host "FAILED: $name (exit code $LASTEXITCODE)" -ForegroundColor Red
        exit $LASTEXITCODE
    }
}

Step 'Restore tools' { dotnet tool restore }
Step 'Restore packages' { dotnet restore OpenGov.slnx }
Step 'Build' { dotnet build OpenGov.slnx --no-restore -c $Configuration }
Step 'Test' { dotnet test OpenGov.slnx --no-build -c $Configuration }

$before = Get-Content openapi.yaml -Raw -ErrorAction SilentlyContinue
Step 'Regenerate openapi.yaml' {
    dotnet swagger tofile --openapiversion 3.1 --yaml --output openapi.yaml "OpenGov.Api/bin/$Configuration/net10.0/OpenGov.Api.dll" v1
}
$after = Get-Content openapi.yaml -Raw
if ($before -ne $after) {
    Write-Host 'FAILED: openapi.yaml was out of date with the code; it is regenerated now: review and commit it.' -ForegroundColor Red
    exit 1
}
Write-Host '==> openapi.yaml matches the code' -ForegroundColor Green
