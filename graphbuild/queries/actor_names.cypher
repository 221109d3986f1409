// Every actor's canonical name and aliases, for the hint when a query's name matches no
// actor (the caller compares them ignoring case and suggests the closest).
// Guarantees: read-only; one row per actor.
// params: none
MATCH (a:Actor)
RETURN a.name AS name, a.aliases AS aliases
