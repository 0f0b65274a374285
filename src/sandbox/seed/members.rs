//! The demo's members: the demo user in every workspace (an owner mostly;
//! an admin in Initech Legacy and a viewer in Umbrella Health ZA, so the
//! role hierarchy's refusals can be seen), others in every role, and
//! Globex EU with a single owner (who cannot be removed).

use crate::api::model::Member;
use crate::sandbox::store::{CALLER, Store};

const OTHERS: [(&str, &str); 5] = [
    ("google-oauth2|108123456789012345678", "viewer"),
    ("auth0|5f8e7d6c5b4a39281706f5e4", "admin"),
    ("auth0|6a1b2c3d4e5f60718293a4b5", "owner"),
    ("github|4123987", "viewer"),
    ("samlp|acme-okta|jane.doe@acme.example", "admin"),
];

/// `others`: the other members too (the generated large sets have only
/// the demo user, as their owner).
pub(super) fn add(store: &mut Store, others: bool) {
    let at = "2025-10-01T09:00:00.000000Z".to_string();
    let mut members = std::collections::BTreeMap::new();
    for (i, w) in store.workspaces.iter().enumerate() {
        let ws = &w.workspace;
        let mine = match ws.name.as_str() {
            "Initech Legacy" => "admin",
            "Umbrella Health ZA" => "viewer",
            _ => "owner",
        };
        let member = |user: &str, role: &str| Member {
            user_id: user.to_string(),
            workspace_id: ws.id.clone(),
            role: role.to_string(),
            created_at: at.clone(),
            updated_at: at.clone(),
        };
        let mut list = vec![member(CALLER, mine)];
        // Globex EU keeps its single owner alone; the rest get 1 to 5 more.
        if others && ws.name != "Globex EU" {
            let n = 1 + i % OTHERS.len();
            list.extend(OTHERS.iter().take(n).map(|(u, r)| member(u, r)));
        }
        members.insert(ws.id.clone(), list);
    }
    store.members = members;
}
