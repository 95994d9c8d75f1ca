#!/usr/bin/env python3
"""Writes the rotating URL lists the load benchmark requests: words from the synthetic corpus, alone and with facets."""
import random, sys
out, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
english = ["court","county","immigration","hold","release","custody","notice","hearing","charge","plea","conviction","sentence",
  "counsel","defense","client","removal","relief","status","warrant","jail","booking","officer","policy","agreement","program",
  "federal","state","local","community","rights","advisory","consequence","offense","diversion","citation","arrest","record"]
common = ["detainer", "probation"]
rare = ["sheriff", "wso"]
types = ["practice-advisory","toolkit","explainer","fact-sheet","faq","report","one-pager","digest","video","community-alert","policy-memo","platform"]
def write(name, lines):
    with open(f"{out}/{name}.txt", "w") as f: f.write("\n".join(lines) + "\n")
write("index", ["/resources", "/resources?sort=newest", "/resources?page=2", "/resources?sort=oldest"])
def distinct(make, n=1000):
    """n different URLs from make(), so that no cache (of this server or of the database) answers one twice."""
    seen = []
    while len(seen) < n:
        url = make()
        if url not in seen: seen.append(url)
    return seen
# A word pair alone gives only 74 combinations: the rest of the variety is the order and the page, which cost as
# much (every match is still ranked and counted).
variants = ["", "&sort=newest", "&sort=oldest", "&page=2", "&page=3", "&page=4", "&page=5", "&sort=newest&page=2",
  "&sort=newest&page=3", "&sort=oldest&page=2", "&page=6", "&page=7", "&page=8", "&page=9"]
write("search-common", distinct(lambda: f"/resources?q={random.choice(common)}+{random.choice(english)}{random.choice(variants)}"))
# The "common word": one that matches a tenth of all resources (these match 9-13% of the generated corpus),
# alone, in every order and on pages 1-31, so that 1,000 distinct searches rotate.
tenth = ["policy", "agreement", "federal", "state", "local", "community", "rights", "advisory", "consequence", "offense", "misdemeanor"]
tenth_variants = [f"&sort={s}" if s else "" for s in ["", "newest", "oldest"]]
write("search-tenth", distinct(lambda: f"/resources?q={random.choice(tenth)}{random.choice(tenth_variants)}" + (lambda p: f"&page={p}" if p > 1 else "")(random.randint(1, 31))))
write("search-rare", distinct(lambda: random.choice([f"/resources?q={random.choice(rare)}+{random.choice(english)}", f"/resources?q={random.choice(rare)}"]) + random.choice(variants)))
write("search-faceted", distinct(lambda: f"/resources?q={random.choice(common + english)}&topic=synthetic-topic-{random.randint(1,40)}&type={random.choice(types)}&year={random.randint(2011,2026)}"))
write("topic", [f"/topics/synthetic-topic-{random.randint(1,40)}" for _ in range(200)])
write("resource", [f"/resources/synthetic-{random.randint(1,count)}" for _ in range(1000)])
