"""link: across reports: stories, merged events, independent origins, claim groups, contradictions, stance."""
