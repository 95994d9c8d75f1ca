// Parses an Atom (or RSS) file with npm's rss-parser (not the code that wrote it) and prints what a feed reader
// would show: the feed's title, link and id, and each item's id, title, link, dates, authors and categories.
// Usage: node scripts/feed-check/check.mjs FILE.atom
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';

const text = readFileSync(process.argv[2], 'utf8');
const parser = new Parser({ customFields: { feed: ['id', 'updated'], item: ['updated', 'published'] } });
const feed = await parser.parseString(text);
process.stdout.write(JSON.stringify({
  title: feed.title,
  link: feed.link,
  id: feed.id,
  updated: feed.updated,
  items: feed.items.map((i) => ({
    id: i.id,
    title: i.title,
    link: i.link,
    updated: i.updated,
    published: i.published,
    author: i.author,
    categories: i.categories ?? [],
    summary: i.summary ?? i.contentSnippet,
  })),
}));
