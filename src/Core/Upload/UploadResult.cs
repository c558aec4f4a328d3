using GbcPortal.Core.Espi.Inspection;

namespace GbcPortal.Core.Upload;

/// <summary>What became of an uploaded Green Button file.</summary>
public sealed record UploadResult(
    UploadOutcome Outcome,
    string? Message = null,
    InspectReport? Report = null,
    string? ServiceId = null,
    int ReadingsStored = 0,
    int ReadingsSkipped = 0,
    DateOnly? LastDay = null)
{
    public static UploadResult Refused(string message) => new(UploadOutcome.Refused, message);
}

/// <summary>How an upload ended.</summary>
public enum UploadOutcome
{
    /// <summary>The file's electricity readings are stored under <see cref="UploadResult.ServiceId"/>.</summary>
    Stored,

    /// <summary>A Green Button file, but nothing in it is electricity to chart (gas only, say); nothing stored.</summary>
    NothingToStore,

    /// <summary>Not a file we can use; <see cref="UploadResult.Message"/> says why, and nothing was stored.</summary>
    Refused,
}
