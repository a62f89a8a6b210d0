-- allkill-rules-loading.sql: notes that the rules file being loaded has
-- replaced a kind (allkill-rules-replace.sql then keeps its new rows).
--   :kind  the kind
INSERT OR IGNORE INTO temp.allkill_loading (kind) VALUES (:kind);
