// Starts Swagger UI on the reference spec this fake serves, with "try it" ready to call the fake: Basic auth
// filled in for the default user, and the sandbox header filled in from `?sandbox=<id>` when given.
(function () {
  const me = document.currentScript;
  const { spec, basic, sandboxScheme, user, password } = me.dataset;
  const sandbox = new URLSearchParams(location.search).get('sandbox');
  const ui = window.SwaggerUIBundle({
    url: spec,
    dom_id: '#reference',
    deepLinking: true,
    docExpansion: 'none',
    filter: true,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    persistAuthorization: false,
    defaultModelsExpandDepth: 0,
    // Never ask an outside validator about the spec: the page talks to this fake only.
    validatorUrl: null,
    onComplete() {
      if (user !== undefined) ui.preauthorizeBasic(basic, user, password ?? '');
      if (sandbox) ui.preauthorizeApiKey(sandboxScheme, sandbox);
    },
  });
  window.ui = ui;
})();
