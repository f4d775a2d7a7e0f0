export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Service Provider Configurator</h1>
      </header>
      <main className="app-main">
        <p>
          The pricing engine and the <code>npm run quote</code> command line are ready. The
          step-by-step wizard that sizes and prices a service-provider deal in the browser arrives
          next.
        </p>
      </main>
    </div>
  );
}
