import { defineMiddleware } from "astro:middleware";
import { UpstreamError } from "./api/client";

// Whatever goes wrong while rendering, the reader gets the site's own error page, never a stack trace: a bad cursor
// or parameter the API refused is a 400, the API down or failing a 502; the details go to the server's log only.
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.url.pathname === "/error") {
    return next();
  }
  try {
    return await next();
  } catch (error) {
    const status = error instanceof UpstreamError && error.status === 400 ? 400 : 502;
    // An answer the API gave is logged as one line; anything else with its stack, for whoever runs the site.
    const detail = error instanceof UpstreamError ? error.message : error;
    console.error(`${context.request.method} ${context.url.pathname}${context.url.search}:`, detail);
    context.locals.failure = { status };
    return context.rewrite("/error");
  }
});
