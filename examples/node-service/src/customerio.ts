// The service's Customer.io clients, built once and shared.
import { APIClient, RegionEU, TrackClient } from "customerio-node";

export const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_TRACK_API_KEY!, {
  region: RegionEU,
});

export const transactional = new APIClient(process.env.CIO_APP_API_KEY!, { region: RegionEU });
