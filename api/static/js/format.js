// How numbers are said on the page: money in millions, shares as percentages.

export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number(value).toFixed(digits);
}

/** 18 -> "18.0 m"; -4 -> "−4.0 m" (a real minus sign, as signedMoney). */
export function money(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  const text = num(Math.abs(value), digits);
  return `${value < 0 && Number(text) !== 0 ? "−" : ""}${text} m`;
}

/** Signed, with a real minus sign: "+2.5 m", "−35.0 m". */
export function signedMoney(value, digits = 1) {
  if (value === null || value === undefined) return "–";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${Math.abs(value).toFixed(digits)} m`;
}

export function signed(value, digits = 2) {
  if (value === null || value === undefined) return "–";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${Math.abs(value).toFixed(digits)}`;
}

/** 0.85 -> "85 %"; with digits 1, 0.9475 -> "94.8 %" */
export function percent(share, digits = 0) {
  if (share === null || share === undefined) return "–";
  return digits ? `${(share * 100).toFixed(digits)} %` : `${Math.round(share * 100)} %`;
}

const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "da",
  "di",
  "del",
  "della",
  "dos",
  "du",
  "le",
  "la",
  "ten",
  "ter",
]);

/** The name on a shirt: "Virgil van Dijk" -> "van Dijk", "Van Dijk" -> "Van Dijk",
 * "Alexis Mac Allister" -> "Mac Allister", "Alisson Becker" -> "Becker". */
export function surname(name) {
  const words = String(name || "")
    .trim()
    .split(/\s+/);
  if (words.length === 2 && PARTICLES.has(words[0].toLowerCase())) return words.join(" ");
  return words.length > 1 ? words.slice(1).join(" ") : words[0];
}
