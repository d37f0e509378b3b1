// Starts Swagger UI on the documentation page. A file of its own, not inline, because the
// Content-Security-Policy allows only Uppsikt's own scripts.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    domNode: element,
    // A deep link puts a link inside each operation's button, which assistive technology cannot reach.
    deepLinking: false,
    // No call to the public validator service: nothing leaves the municipality's server.
    validatorUrl: null,
    withCredentials: true,
  });
});
