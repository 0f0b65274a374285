//! Amounts from minor units, as people read them: `$1,234.50`, `€1,234.50`,
//! `R 99.00`. The five currencies of the contract all have two decimals;
//! any other code is shown after the number (`1,234.50 CHF`).

/// `minor` (cents) of the currency with code `currency` (any case).
pub fn format(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let number = format!("{}.{:02}", grouped(abs / 100), abs % 100);
    let code = currency.to_ascii_lowercase();
    match code.as_str() {
        "usd" => format!("{sign}${number}"),
        "eur" => format!("{sign}€{number}"),
        "gbp" => format!("{sign}£{number}"),
        "aud" => format!("{sign}A${number}"),
        "zar" => format!("{sign}R {number}"),
        _ => format!(
            "{sign}{number} {}",
            crate::inert::inert(&code.to_uppercase())
        ),
    }
}

/// `n` and its noun, singular or plural as `n` asks: "1 row", "3 rows"
/// (never "row(s)").
pub fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        _ => format!("{} {many}", grouped(n as u64)),
    }
}

/// 1234567 → "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_write_them() {
        assert_eq!(format(123_450, "eur"), "€1,234.50");
        assert_eq!(format(9_900, "zar"), "R 99.00");
        assert_eq!(format(27_500, "USD"), "$275.00");
        assert_eq!(format(5, "gbp"), "£0.05");
        assert_eq!(format(-1_000, "aud"), "-A$10.00");
        assert_eq!(format(100_000_000, "chf"), "1,000,000.00 CHF");
        assert_eq!(format(0, "usd"), "$0.00");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
    }
}
