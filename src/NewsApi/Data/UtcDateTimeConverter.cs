using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NewsApi.Data;

/// <summary>
/// SQLite and SQL Server store timestamps without a zone; every timestamp here is UTC, so it is written as UTC and
/// read back marked as UTC (serialized with a trailing <c>Z</c>).
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
