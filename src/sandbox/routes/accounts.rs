//! Billing accounts: list, get, create (with the workspace's mode cap and
//! Idempotency-Key replay), update and delete (refused while the account
//! has live subscriptions).

use super::*;

pub(super) async fn list_accounts(
    Extract(state): Shared,
    path: Result<Path<String>, PathRejection>,
) -> Reply {
    let id = path_or_404(path)?;
    workspace_or_404(&state, &id)?;
    let store = state.store.lock().expect("not poisoned");
    let accounts: Vec<BillingAccount> = store
        .accounts(&id)
        .iter()
        .map(|r| r.account.clone())
        .collect();
    Ok(list(&accounts, state.list_limit))
}

pub(super) async fn get(
    Extract(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Reply {
    let (ws, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws)?;
    let store = state.store.lock().expect("not poisoned");
    store
        .accounts(&ws)
        .iter()
        .find(|r| r.account.id == id)
        .map(|r| json_reply(StatusCode::OK, &r.account))
        .ok_or_else(|| not_found("Billing account not found."))
}

/// Reads a request body, answering 422 when it is not a JSON object.
fn fields_from_body(body: &Bytes) -> Result<(Vec<(Field, String)>, FieldErrors), Response> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        unprocessable(
            format!("The request body is not valid JSON: {e}."),
            BTreeMap::new(),
        )
    })?;
    rules::fields_from_json(&value).map_err(|message| unprocessable(message, BTreeMap::new()))
}

fn add_violations(errors: &mut BTreeMap<String, Vec<String>>, violations: Vec<rules::Violation>) {
    for v in violations {
        errors
            .entry(v.field.key().into())
            .or_insert_with(|| vec![v.message]);
    }
}

pub(super) async fn create_account(
    Extract(state): Shared,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let ws_id = path_or_404(path)?;
    let workspace = workspace_or_404(&state, &ws_id)?;
    let (present, mut errors) = fields_from_body(&body)?;
    let mut input = AccountInput::default();
    for (field, value) in present {
        *input.get_mut(field) = value;
    }
    let violations = input.violations();
    add_violations(&mut errors, violations);
    if !errors.is_empty() {
        return Err(unprocessable(first_message(&errors), errors));
    }
    if let Some(secs) = state.faults.iter().find_map(|f| match f {
        Fault::Create429(secs) => Some(*secs),
        _ => None,
    }) {
        return Err(too_many(secs));
    }
    let new = input.validate().map_err(|v| {
        let mut errors = BTreeMap::new();
        add_violations(&mut errors, v);
        unprocessable(first_message(&errors), errors)
    })?;
    // From here on the request may create something: an Idempotency-Key
    // makes a repeat of it answer the first answer again.
    let fingerprint = serde_json::to_string(&new).expect("serialises");
    let (status, body) = idempotency::once(&state, &headers, fingerprint, || {
        match create(&state, &ws_id, &workspace, new) {
            Ok(account) => (
                StatusCode::CREATED,
                serde_json::to_vec(&account).expect("serialises"),
            ),
            Err((status, body)) => (status, body),
        }
    })?;
    if status != StatusCode::CREATED {
        return Err(idempotency::reply(status, body));
    }
    crate::sandbox::faults::after_create(&state.faults, body)
}

/// The rules of the workspace (the create-422 fault, the account limit),
/// then the new account, saved. Refusals are a status and a JSON body.
fn create(
    state: &State,
    ws_id: &str,
    workspace: &Workspace,
    new: NewBillingAccount,
) -> Result<BillingAccount, (StatusCode, Vec<u8>)> {
    let body = |v: Value| v.to_string().into_bytes();
    if state.faults.contains(&Fault::Create422Unknown) {
        let long = "This is a long explanation from the server, the kind that does not fit on one line of any terminal, and whose end matters as much as its start: the last words say what to do. Contact billing support with reference R-20261125.";
        let mut errors = FieldErrors::new();
        errors.insert(
            "tax_id".into(),
            vec![format!("The tax id is required for this country. {long}")],
        );
        errors.insert(
            "address.region".into(),
            vec![format!("The region is not served. {long}")],
        );
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            body(json!({ "message": "The given data was invalid.", "errors": errors })),
        ));
    }
    if let Some(mib) = state.faults.iter().find_map(|f| match f {
        Fault::CreateHuge422(mib) => Some(*mib),
        _ => None,
    }) {
        let mut message = String::from("The request could not be processed: ");
        message.push_str(&"all work and no play ".repeat(mib * 1024 * 1024 / 21));
        message.push_str("THE END");
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            body(json!({ "message": message })),
        ));
    }
    if state.faults.contains(&Fault::Create422) {
        let mut errors = FieldErrors::new();
        errors.insert(
            "address.country".into(),
            vec!["Billing is not available for addresses in this country.".into()],
        );
        errors.insert(
            "email".into(),
            vec!["The email domain does not accept mail.".into()],
        );
        let message = first_message(&errors);
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            body(json!({ "message": message, "errors": errors })),
        ));
    }
    let mut store = state.store.lock().expect("not poisoned");
    let default_currency = store
        .workspace(ws_id)
        .map(|w| w.default_currency)
        .unwrap_or(crate::api::model::Currency::Usd);
    let held = store.accounts(ws_id).len();
    let mode = workspace.billing_mode.as_ref();
    if let Some(limit) = mode.and_then(|m| m.account_limit())
        && held >= limit
    {
        let mode = mode.map(|m| m.as_str()).unwrap_or("?");
        return Err((
            StatusCode::CONFLICT,
            body(json!({
                "type": "conflict",
                "code": "billing_account_limit_reached",
                "message": format!(
                    "Workspace {ws_id} is in billing mode {mode} and already holds {held} billing account{} (the most it may hold is {limit}).",
                    if held == 1 { "" } else { "s" }
                ),
                "doc_url": DOC_URL,
            })),
        ));
    }
    let at = now();
    let id = random_id(&mut state.rng.lock().expect("not poisoned"), "cus_", 14);
    let account = BillingAccount {
        id,
        workspace_id: ws_id.to_string(),
        name: new.name,
        email: new.email,
        phone: new.phone,
        description: new.description,
        currency: Some(new.currency.unwrap_or(default_currency).code().into()),
        address: new.address,
        created_at: at.clone(),
        updated_at: at,
    };
    store
        .accounts
        .entry(ws_id.to_string())
        .or_default()
        .push(AccountRecord {
            account: account.clone(),
        });
    persist(state, &store).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, body(e)))?;
    Ok(account)
}

pub(super) async fn update_account(
    Extract(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Reply {
    let (ws_id, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws_id)?;
    {
        let store = state.store.lock().expect("not poisoned");
        if !store.accounts(&ws_id).iter().any(|r| r.account.id == id) {
            return Err(not_found("Billing account not found."));
        }
    }
    let (present, mut errors) = fields_from_body(&body)?;
    // A currency in the body is refused by validate_patch: it cannot change.
    let patch = match rules::validate_patch(&present) {
        Ok(patch) if errors.is_empty() => patch,
        Ok(_) => return Err(unprocessable(first_message(&errors), errors)),
        Err(v) => {
            add_violations(&mut errors, v);
            return Err(unprocessable(first_message(&errors), errors));
        }
    };
    let mut store = state.store.lock().expect("not poisoned");
    let record = store
        .accounts
        .get_mut(&ws_id)
        .and_then(|v| v.iter_mut().find(|r| r.account.id == id))
        .ok_or_else(|| not_found("Billing account not found."))?;
    let account = &mut record.account;
    if let Some(name) = patch.name {
        account.name = name;
    }
    if let Some(email) = patch.email {
        account.email = email;
    }
    if let Some(phone) = patch.phone {
        account.phone = phone;
    }
    if let Some(description) = patch.description {
        account.description = description;
    }
    if let Some(changes) = patch.address {
        let address = account.address.get_or_insert_with(Address::default);
        for (key, value) in changes {
            let value = value.as_str().map(String::from);
            match key.as_str() {
                "country" => address.country = value,
                "line1" => address.line1 = value,
                "line2" => address.line2 = value,
                "city" => address.city = value,
                "state" => address.state = value,
                "postal_code" => address.postal_code = value,
                _ => {}
            }
        }
    }
    account.updated_at = now();
    let account = account.clone();
    save(&state, &store)?;
    Ok(json_reply(StatusCode::OK, account))
}

pub(super) async fn delete_account(
    Extract(state): Shared,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Reply {
    let (ws_id, id) = path_or_404(path)?;
    workspace_or_404(&state, &ws_id)?;
    let mut store = state.store.lock().expect("not poisoned");
    let Some(pos) = store
        .accounts(&ws_id)
        .iter()
        .position(|r| r.account.id == id)
    else {
        return Err(not_found("Billing account not found."));
    };
    let live = store
        .billing
        .get(&id)
        .is_some_and(|b| b.subscriptions.iter().any(|s| s.is_live()));
    let accounts = store.accounts.entry(ws_id.clone()).or_default();
    if live {
        return Err(json_reply(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({
                "type": "unprocessable_entity",
                "code": "active_subscriptions_exist",
                "message": "This billing account has active subscriptions and cannot be deleted. Cancel them first.",
                "doc_url": DOC_URL,
            }),
        ));
    }
    accounts.remove(pos);
    if accounts.is_empty() {
        store.accounts.remove(&ws_id);
    }
    store.billing.remove(&id);
    save(&state, &store)?;
    Ok((StatusCode::NO_CONTENT, Body::empty()).into_response())
}
