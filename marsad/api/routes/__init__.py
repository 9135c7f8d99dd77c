"""One module per resource, each an `APIRouter` that `marsad.api.app` mounts under /api."""
