//! What the API and the network answer the real `alto` binary: refusals
//! (exit 3), no answer (exit 4), redirects, plain http to a remote host,
//! TLS verified against the trust store, huge and hostile bodies.

use alto::sandbox::{self, SandboxOptions};

mod common;

use common::cli::*;

#[tokio::test]
async fn api_refusals_exit_3_with_status_and_message() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Umbrella Health ZA"); // single, already has its account
    let r = run(
        &sb,
        &[
            "accounts", "create", "-w", &ws, "--name", "Two", "--email", "a@b.co",
        ],
    )
    .await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("HTTP 409"), "{}", r.stderr);
    assert!(r.stderr.contains("billing_account_limit_reached"));
    let r = run(&sb, &["workspaces", "get", "ws_nope"]).await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("HTTP 404"));
}

#[tokio::test]
async fn network_failure_exits_4() {
    // Bound, not listening: refused, and the port stays ours meanwhile.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let url = format!("http://{}", socket.local_addr().unwrap());
    let r = alto(
        &[("ALTOSTRAT_API_URL", &url), ("ALTOSTRAT_TOKEN", "t")],
        &["workspaces", "list"],
    )
    .await;
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("could not connect"));
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused() {
    let r = alto(
        &[
            ("ALTOSTRAT_API_URL", "http://api.altostrat.io"),
            ("ALTOSTRAT_TOKEN", "sentinel-secret"),
        ],
        &["workspaces", "list"],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("plain http"), "{}", r.stderr);
    assert!(!r.stderr.contains("sentinel-secret"));
}

#[tokio::test]
async fn a_redirect_is_refused_and_says_where_it_pointed() {
    let sb = with_faults(&["redirect"]).await;
    let r = run(&sb, &["workspaces", "list"]).await;
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("HTTP 302, a redirect to https://elsewhere.example/\\u{202e}nigol")
            && r.stderr.contains("does not follow redirects"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains('\u{202e}'));
}

#[tokio::test]
async fn a_huge_error_message_is_cut_and_counted() {
    let sb = with_faults(&["create-huge-422=10"]).await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--name",
            "Big",
            "--email",
            "big@example.com",
        ],
    )
    .await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.len() < 8 * 1024, "{} bytes", r.stderr.len());
    assert!(
        r.stderr.contains("more characters)"),
        "{}",
        &r.stderr[..200]
    );
}

#[tokio::test]
async fn json_output_escapes_what_a_terminal_would_act_on() {
    let sb = with_faults(&["hostile-names"]).await;
    let r = run(&sb, &["workspaces", "list", "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout
            .chars()
            .any(|c| c != '\n' && alto::rules::is_forbidden_char(c)),
        "raw control, bidi or zero-width characters in --json"
    );
    for escaped in [r"\u009b31m", r"\u202elanigiro", r"\u007f", r"\u200bwidth"] {
        assert!(r.stdout.contains(escaped), "{escaped} missing");
    }
    // Still exact: parsed back, the names are what the server sent.
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"C1 \u{9b}31m control"), "{names:?}");
}

#[tokio::test]
async fn no_answer_in_time_exits_4_and_says_so() {
    // A server that accepts and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let r = alto(
        &[("ALTOSTRAT_API_URL", &url), ("ALTOSTRAT_TOKEN", "t")],
        &["workspaces", "list", "--timeout", "1"],
    )
    .await;
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("no answer from"), "{}", r.stderr);
    assert!(r.stderr.contains("within 1s"), "{}", r.stderr);
}

#[tokio::test]
async fn https_is_verified_against_the_trust_store_and_nothing_else() {
    let sb = sandbox::start(SandboxOptions {
        tls: true,
        ..Default::default()
    })
    .await
    .unwrap();
    assert!(sb.url().starts_with("https://127.0.0.1:"), "{}", sb.url());
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sb.ca_pem().unwrap()).unwrap();
    let url = sb.url();
    let listed = |trust: &[(&str, &std::path::Path)]| {
        let mut env = vec![
            ("ALTOSTRAT_API_URL".to_string(), url.clone()),
            ("ALTOSTRAT_TOKEN".to_string(), "demo".into()),
        ];
        env.extend(
            trust
                .iter()
                .map(|(k, f)| (k.to_string(), f.display().to_string())),
        );
        async move {
            let pairs: Vec<(&str, &str)> =
                env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            alto(&pairs, &["workspaces", "list"]).await
        }
    };
    let other = dir.path().join("other.pem");
    let stranger = alto::sandbox::tls::Tls::throwaway().unwrap();
    std::fs::write(&other, stranger.ca_pem).unwrap();
    let cert_dir = dir.path().join("certs");
    std::fs::create_dir(&cert_dir).unwrap();
    std::fs::copy(&ca, cert_dir.join("sandbox.pem")).unwrap();
    let missing = dir.path().join("missing");
    // Trusted through SSL_CERT_FILE, through SSL_CERT_DIR alone, and
    // through the directory when the file does not know the CA (read then).
    let trusted: [&[(&str, &std::path::Path)]; 4] = [
        &[("SSL_CERT_FILE", &ca)],
        &[("SSL_CERT_FILE", &ca), ("SSL_CERT_DIR", &missing)],
        &[("SSL_CERT_DIR", &cert_dir)],
        &[("SSL_CERT_FILE", &other), ("SSL_CERT_DIR", &cert_dir)],
    ];
    for (n, trust) in trusted.iter().enumerate() {
        let r = listed(trust).await;
        assert_eq!(r.code, 0, "{trust:?}: {}", r.stderr);
        assert!(r.stdout.contains("ACME Corporation"), "{}", r.stdout);
        assert_eq!(sb.served().len(), n + 1);
    }
    // The system's store alone does not know the throwaway CA, and another
    // throwaway CA is not this one (in the file or the directory): refused
    // before any request is sent.
    let other_dir = dir.path().join("other-certs");
    std::fs::create_dir(&other_dir).unwrap();
    std::fs::copy(&other, other_dir.join("other.pem")).unwrap();
    let refused: [&[(&str, &std::path::Path)]; 3] = [
        &[],
        &[("SSL_CERT_FILE", &other)],
        &[("SSL_CERT_FILE", &other), ("SSL_CERT_DIR", &other_dir)],
    ];
    for trust in refused {
        let r = listed(trust).await;
        assert_eq!(r.code, 4, "{trust:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("does not verify against the trust store"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("demo"), "no token in {}", r.stderr);
    }
    // The directory is read only when the file does not verify the server
    // (alto's log says when it is read).
    let read_dir = |file: std::path::PathBuf| {
        let (url, cert_dir) = (url.clone(), cert_dir.clone());
        async move {
            let config = tempfile::tempdir().unwrap();
            let env = [
                ("ALTOSTRAT_API_URL", url.as_str()),
                ("ALTOSTRAT_TOKEN", "demo"),
                ("SSL_CERT_FILE", file.to_str().unwrap()),
                ("SSL_CERT_DIR", cert_dir.to_str().unwrap()),
            ];
            let r = alto_in(config.path(), &env, &["workspaces", "list"]).await;
            assert_eq!(r.code, 0, "{}", r.stderr);
            let log = std::fs::read_to_string(config.path().join("state/alto.log")).unwrap();
            log.contains("certificate directories read")
        }
    };
    assert!(!read_dir(ca.clone()).await, "the file verified the server");
    assert!(read_dir(other.clone()).await, "the file did not");
    // No certificate at all where they should be: said, nothing sent.
    let r = listed(&[("SSL_CERT_FILE", &missing)]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    let said = "cannot verify HTTPS servers, so nothing was sent: No CA certificates";
    assert!(r.stderr.contains(said), "{}", r.stderr);
    assert_eq!(
        sb.served().len(),
        6,
        "the token never reached an unverified server"
    );
}

#[tokio::test]
async fn the_tls_sandbox_writes_its_ca_where_asked_and_says_how_to_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("sub").join("ca.pem");
    let mut child = command_in(
        dir.path(),
        &[],
        &[
            "sandbox",
            "--tls",
            "--addr",
            "127.0.0.1:0",
            "--ca-file",
            ca.to_str().unwrap(),
        ],
    )
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let mut first = String::new();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    for line in lines.by_ref().take(2) {
        first.push_str(&line.unwrap());
        first.push('\n');
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.contains("listening on https://127.0.0.1:"), "{first}");
    assert!(
        first.contains(&format!("SSL_CERT_FILE={}", ca.display())),
        "{first}"
    );
    let pem = std::fs::read_to_string(&ca).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    assert!(!pem.contains("KEY"), "a certificate, never a key");
    // --ca-file without --tls is a usage error.
    let r = alto(&[], &["sandbox", "--ca-file", "x.pem"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
}
