// Not an MCP server: another framework's options that look similar must never be touched.
const widgetConfig = { type: "http-stream", stateless: false, path: `/widgets/${"forecast"}` };

export async function forecastFor(city: string) {
  const pattern = /^[a-z /{}]+$/i;
  if (!pattern.test(city)) throw new Error(`unknown city: ${city}`);
  return { city, days: [18, 21, 19].map((t) => ({ high: t, low: t / 2 })), widget: widgetConfig.type };
}
