using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Haven.Core.Backup;

/// <summary>The table walk: every table of the EF model (so a table added later is included without a hand list),
/// in foreign-key order (principals first), with each column's model type and its provider mapping, so values are read
/// and written the same way whichever database is underneath.</summary>
public sealed class SiteTables
{
    private SiteTables(IReadOnlyList<SiteTable> tables) => Tables = tables;

    /// <summary>Principals before dependents: the order to insert in (and the reverse, to delete in).</summary>
    public IReadOnlyList<SiteTable> Tables { get; }

    public static SiteTables Of(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = db.GetService<ISqlGenerationHelper>();
        var model = db.Model.GetRelationalModel();
        var all = model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var state = new Dictionary<ITable, bool>(); // false: visiting, true: done
        void Visit(ITable table)
        {
            if (state.TryGetValue(table, out _)) return; // done, or a cycle (left to the database's checks)
            state[table] = false;
            foreach (var fk in table.ForeignKeyConstraints.OrderBy(f => f.Name, StringComparer.Ordinal))
                if (fk.PrincipalTable != table) Visit(fk.PrincipalTable);
            state[table] = true;
            ordered.Add(table);
        }
        foreach (var table in all) Visit(table);
        return new SiteTables(ordered.Select(t => new SiteTable(t, sql)).ToList());
    }
}

/// <summary>One table: its columns and how to read and write them.</summary>
public sealed class SiteTable
{
    internal SiteTable(ITable table, ISqlGenerationHelper sql)
    {
        Name = table.Name;
        Schema = table.Schema;
        QuotedName = sql.DelimitIdentifier(table.Name, table.Schema);
        EntityTypes = table.EntityTypeMappings.Select(m => m.TypeBase.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        Columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new SiteColumn(c, sql)).ToList();
        var key = table.PrimaryKey?.Columns.Select(c => c.Name).ToList() ?? [];
        KeyColumns = key;
        SelfReferences = table.ForeignKeyConstraints.Where(f => f.PrincipalTable == table)
            .Select(f => (f.Columns.Select(c => c.Name).ToList(), f.PrincipalColumns.Select(c => c.Name).ToList()))
            .ToList();
    }

    public string Name { get; }
    public string? Schema { get; }
    public string QuotedName { get; }
    public IReadOnlyList<string> EntityTypes { get; }
    public IReadOnlyList<SiteColumn> Columns { get; }
    public IReadOnlyList<string> KeyColumns { get; }
    /// <summary>Foreign keys to the same table (a reply's parent): rows are written parents first.</summary>
    public IReadOnlyList<(List<string> Columns, List<string> PrincipalColumns)> SelfReferences { get; }

    public SiteColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public string SelectSql() =>
        $"SELECT {string.Join(", ", Columns.Select(c => c.QuotedName))} FROM {QuotedName}" +
        (KeyColumns.Count > 0 ? $" ORDER BY {string.Join(", ", KeyColumns.Select(k => Column(k)!.QuotedName))}" : "");
}

/// <summary>One column: the model's CLR type (what the archive holds) and the provider mapping (what the database holds).</summary>
public sealed class SiteColumn
{
    private static readonly ConcurrentDictionary<Type, Func<DbDataReader, int, object>> Readers = new();
    private readonly RelationalTypeMapping _mapping;
    private readonly Type _providerType;

    internal SiteColumn(IColumn column, ISqlGenerationHelper sql)
    {
        Name = column.Name;
        QuotedName = sql.DelimitIdentifier(column.Name);
        IsNullable = column.IsNullable;
        _mapping = column.StoreTypeMapping;
        ModelType = column.PropertyMappings[0].Property.ClrType;
        var provider = _mapping.Converter?.ProviderClrType ?? _mapping.ClrType;
        _providerType = Nullable.GetUnderlyingType(provider) ?? provider;
        var property = column.PropertyMappings[0].Property;
        IsGeneratedKey = property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd &&
            (ModelType == typeof(int) || ModelType == typeof(long));
    }

    public string Name { get; }
    public string QuotedName { get; }
    public Type ModelType { get; }
    public bool IsNullable { get; }
    /// <summary>An integer key the database numbers itself (PostgreSQL's identity sequences are reset after a restore).</summary>
    public bool IsGeneratedKey { get; }

    /// <summary>The column's value as the model sees it (an Instant, an enum, a string...), or null.</summary>
    public object? Read(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsDBNull(ordinal)) return null;
        object value;
        if (_providerType.IsEnum)
            value = Enum.ToObject(_providerType, ReaderFor(Enum.GetUnderlyingType(_providerType))(reader, ordinal));
        else
            value = ReaderFor(_providerType)(reader, ordinal);
        return _mapping.Converter is { } converter ? converter.ConvertFromProvider(value) : value;
    }

    /// <summary>A parameter holding <paramref name="modelValue"/> as this database stores it.</summary>
    public DbParameter Parameter(DbCommand command, string name, object? modelValue) =>
        _mapping.CreateParameter(command, name, modelValue, IsNullable);

    private static Func<DbDataReader, int, object> ReaderFor(Type type) => Readers.GetOrAdd(type, t =>
    {
        var method = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue), BindingFlags.Public | BindingFlags.Instance)!.MakeGenericMethod(t);
        return (reader, ordinal) => method.Invoke(reader, [ordinal])!;
    });
}
