// The console's entry point. The map has no base tiles by default: operations rooms often have no
// internet, so the area is drawn from what the server holds (corridors, zones, units) over a graticule.
const map = L.map("map", { preferCanvas: true }).setView([37.0, 42.0], 8);
L.control.scale({ imperial: false }).addTo(map);

async function showServerStatus() {
  const status = document.getElementById("server-status");
  try {
    const response = await fetch("healthz");
    status.textContent = response.ok ? "server reachable" : `server answered ${response.status}`;
  } catch {
    status.textContent = "server unreachable";
  }
}

showServerStatus();
