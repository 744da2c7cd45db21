// The HTTP routes the page uses, and one shape for their failures: an ApiError with a
// message a person can act on and, for 422, every problem with its field path.

export class ApiError extends Error {
  constructor(message, status = 0, problems = []) {
    super(message);
    this.status = status;
    this.problems = problems; // [{path: [...], msg, input, where}]
  }
}

function problemsOf(detail) {
  return detail.map((item) => ({
    path: Array.isArray(item.loc) ? item.loc.slice(1) : [],
    msg: item.msg ?? String(item),
    input: item.input,
    where: item.where ?? "",
  }));
}

async function failure(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const detail = body?.detail;
  if (response.status === 422 && Array.isArray(detail)) {
    const problems = problemsOf(detail);
    const count = problems.length;
    return new ApiError(`${count} problem${count === 1 ? "" : "s"} in the input`, 422, problems);
  }
  const said = typeof detail === "string" ? detail : response.statusText || "no reason given";
  if (response.status === 503) {
    const wait = response.headers.get("Retry-After");
    return new ApiError(`The server is busy: ${said}${wait ? ` (try in ${wait} s)` : ""}`, 503);
  }
  return new ApiError(`The server answered ${response.status}: ${said}`, response.status);
}

async function call(method, url, body) {
  const init = { method, headers: {} };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(`The server did not answer (${error.message}). Is \`transfers serve\` still running?`);
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

export const api = {
  scenarios: () => call("GET", "/v1/scenarios"),
  scenario: (name) => call("GET", `/v1/scenarios/${encodeURIComponent(name)}`),
  validate: (scenario) => call("POST", "/v1/validate", scenario),
  solve: (scenario, options) => {
    const query = new URLSearchParams(options).toString();
    return call("POST", `/v1/solve?${query}`, scenario);
  },
  explain: (scenario, query) =>
    call("POST", `/v1/explain?${new URLSearchParams(query).toString()}`, scenario),
  threshold: (scenario, query) =>
    call("POST", `/v1/threshold?${new URLSearchParams(query).toString()}`, scenario),
  upload: (files) => {
    const form = new FormData();
    for (const file of files) form.append("files", file, file.name);
    return call("POST", "/v1/uploads", form);
  },
  startSweep: (scenario, sweep) => call("POST", "/v1/sweeps", { scenario, sweep }),
  sweep: (id) => call("GET", `/v1/sweeps/${encodeURIComponent(id)}`),
  sweepDownload: (id, format) => `/v1/sweeps/${encodeURIComponent(id)}/runs.${format}`,
};
