//! `alto orgs usage-pdf`: the workspace's usage report, saved to a file
//! that is never overwritten without `--force`, or written to standard
//! output with `-o -` when that is not a terminal.

use super::*;
use std::path::Path;

pub(super) async fn usage_pdf(
    c: &ApiClient,
    workspace: &str,
    output: &Path,
    force: bool,
) -> Result<(), Failure> {
    let to_stdout = output.as_os_str() == "-";
    // Both refusals come before the request: nothing is sent.
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(usage(
            "-o - writes the PDF to standard output, which is a terminal here: redirect it or give a file",
        ));
    }
    if !to_stdout && !force && std::fs::symlink_metadata(output).is_ok() {
        return Err(usage(format!(
            "{} exists; pass --force to replace it (nothing was sent)",
            output.display()
        )));
    }
    let pdf = c.organization_usage_pdf(workspace).await?;
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&pdf)
            .and_then(|()| stdout.flush())
            .map_err(|e| usage(format!("cannot write to standard output: {e}")));
    }
    crate::paths::save_new(output, &pdf, force).map_err(|e| Failure {
        code: 1,
        message: format!("alto: cannot save {}: {e}", output.display()),
    })?;
    eprintln!(
        "saved the usage report ({} KiB) to {}",
        pdf.len().div_ceil(1024),
        output.display()
    );
    Ok(())
}
