//! Whatever a server sends, decoding it gives a value or a readable error,
//! never a panic; error text is inert.
#![no_main]

use alto::api::ErrorBody;
use alto::api::model::{BillingAccount, BillingAccountList, WorkspaceList};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = ErrorBody::parse(data);
    let summary = body.summary();
    assert!(!summary.chars().any(alto::rules::is_forbidden_char));
    let _ = serde_json::from_slice::<WorkspaceList>(data);
    let _ = serde_json::from_slice::<BillingAccountList>(data);
    if let Ok(a) = serde_json::from_slice::<BillingAccount>(data) {
        // What the detail pane and the CLI print of it is inert too.
        for (_, v) in alto::cli::account_pairs(&a) {
            assert!(!alto::inert::inert(&v).chars().any(alto::rules::is_forbidden_char));
        }
    }
    // The fields a body could carry, read the way the sandbox reads them.
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = alto::rules::fields_from_json(&v);
    }
});
