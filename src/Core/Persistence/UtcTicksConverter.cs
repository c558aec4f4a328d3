using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GbcPortal.Core.Persistence;

/// <summary>Stores an instant as UTC ticks: ordered, comparable and lossless on SQLite and PostgreSQL alike.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
