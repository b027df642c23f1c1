"""The running process: polling or webhook runner, web app, logging, metrics, update fairness, worker processes."""
