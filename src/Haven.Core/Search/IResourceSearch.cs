namespace Haven.Core.Search;

/// <summary>Answers library searches. The engine behind it may change; callers see only this.</summary>
public interface IResourceSearch
{
    ResourceSearchResult Search(ResourceQuery query);
}
