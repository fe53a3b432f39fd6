// A background export's page: asks its status every two seconds until the file is there
// (or the job failed), and shows the progress and the download link.
document.querySelectorAll("[data-status-url]").forEach((box) => {
  const label = box.querySelector("[data-job-label]");
  const rows = box.querySelector("[data-job-rows]");
  const bar = box.querySelector("progress");
  const link = box.querySelector("[data-job-download]");
  const poll = () => {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((job) => {
        label.textContent = job.label;
        rows.textContent = job.total ? `(${job.done}/${job.total})` : "";
        bar.value = job.percent;
        if (job.download) {
          link.href = job.download;
          link.classList.remove("d-none");
        } else if (job.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(() => window.setTimeout(poll, 5000));
  };
  if (box.dataset.status === "queued" || box.dataset.status === "running") poll();
});
