// LeakSanitizer settings for the dns unit tests (used only in
// CUTOVER_SANITIZE builds; plain builds ignore these hooks).
//
// Reason for the one suppression: ldns 1.8.3's ldns_zone_new_frm_fp_l leaks
// the record it was parsing when a line of the zone file does not parse
// (its error path frees the zone but not that record). The leak is inside
// ldns, on an error path ZoneFileTest.BadRecordNamesTheLine exercises on
// purpose. Full unwinding is needed because Debian's ldns is built without
// frame pointers, so the fast unwinder never reaches the function name.

extern "C" const char* __lsan_default_suppressions() { return "leak:ldns_zone_new_frm_fp_l\n"; }
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
