// A search that keeps the engine busy (about 30 s on two cores): tests only ever stop it by a kill or cancel.

export const HEAVY_SEARCH =
  '| makeresults count=20000000 | streamstats count as n | eval x=sha512(sha512(sha512(sha512(tostring(n))))) | stats max(x) as m';
